package io.clusterdns.plugin.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** Where the errors plugin writes its lines; SLF4J in production, a list in tests. */
@FunctionalInterface
interface ErrorSink {
  /** Writes one line; {@code cause} is null unless its stack trace is wanted. */
  void write(Level level, String line, Throwable cause);

  static ErrorSink slf4j() {
    Logger logger = LoggerFactory.getLogger("clusterdns.errors");
    return (level, line, cause) -> {
      if (cause == null) {
        logger.atLevel(level).log(line);
      } else {
        logger.atLevel(level).setCause(cause).log(line);
      }
    };
  }
}

package io.clusterdns.plugin.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Where query lines go; SLF4J logger {@code clusterdns.log} at INFO in production. */
interface QueryLogSink {
  /** False when lines would be dropped, so they are not even formatted. */
  boolean enabled();

  void write(String line);

  static QueryLogSink slf4j() {
    Logger logger = LoggerFactory.getLogger("clusterdns.log");
    return new QueryLogSink() {
      @Override
      public boolean enabled() {
        return logger.isInfoEnabled();
      }

      @Override
      public void write(String line) {
        logger.info(line);
      }
    };
  }
}

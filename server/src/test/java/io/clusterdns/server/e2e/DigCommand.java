package io.clusterdns.server.e2e;

import java.util.ArrayList;
import java.util.List;

/** The dig command against a server on 127.0.0.1, as the end-to-end tests run it. */
final class DigCommand {
  private DigCommand() {}

  /** What {@code dig @127.0.0.1 -p PORT ARGS...} printed. */
  static String at(int port, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port)));
    command.addAll(List.of(args));
    return JarProcess.run(command.toArray(String[]::new));
  }
}

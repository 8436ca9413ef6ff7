package io.clusterdns.plugin.hosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;

/**
 * A hosts file and the table last read from it. It is read again only when its modification time
 * or size changed; a file that cannot be read keeps the last good table. Used from one thread
 * at a time (start, then the reload task).
 */
final class HostsFile {
  private static final Logger LOG = LoggerFactory.getLogger(HostsFile.class);

  private record Stamp(FileTime modified, long size) {}

  private final Path path;
  private final List<Name> origins;
  private final boolean withReverse;
  private Stamp stamp;
  private HostsTable table = HostsTable.EMPTY;
  private String lastProblem;

  HostsFile(Path path, List<Name> origins, boolean withReverse) {
    this.path = path;
    this.origins = origins;
    this.withReverse = withReverse;
  }

  /** Reads the file if it changed; true when the table was replaced. */
  boolean refresh() {
    try {
      Stamp current = new Stamp(Files.getLastModifiedTime(path), Files.size(path));
      if (current.equals(stamp)) {
        return false;
      }
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      table = HostsTable.parse(lines, origins, withReverse);
      stamp = current;
      lastProblem = null;
      LOG.debug("plugin/hosts: parsed {} into {} entries", path, table.size());
      return true;
    } catch (IOException | RuntimeException e) {
      String problem = e.toString();
      if (!Objects.equals(problem, lastProblem)) {
        LOG.warn("plugin/hosts: cannot read {}, keeping its last entries: {}", path, problem);
        lastProblem = problem;
      }
      return false;
    }
  }

  HostsTable table() {
    return table;
  }
}

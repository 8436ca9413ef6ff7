package io.clusterdns.plugin.hosts;

import io.clusterdns.plugin.Fallthrough;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xbill.DNS.Name;

/**
 * The parsed {@code hosts} directive.
 *
 * @param file the hosts file, resolved against the Corefile's directory
 * @param origins the zones answered from it; other names go to the next plugin (PTR excepted)
 * @param ttl TTL of every record served
 * @param reverse whether PTR records are made for the entries
 * @param reload how often the file is checked for changes; zero never checks after start
 * @param fallthrough names passed on instead of NXDOMAIN
 * @param inline entries written in the Corefile block, served alongside the file's
 */
public record HostsOptions(
    Path file,
    List<Name> origins,
    long ttl,
    boolean reverse,
    Duration reload,
    Fallthrough fallthrough,
    List<String> inline) {
  public static final Path DEFAULT_FILE = Path.of("/etc/hosts");
  public static final long DEFAULT_TTL = 3600;
  public static final Duration DEFAULT_RELOAD = Duration.ofSeconds(5);

  public HostsOptions {
    origins = List.copyOf(origins);
    inline = List.copyOf(inline);
  }
}

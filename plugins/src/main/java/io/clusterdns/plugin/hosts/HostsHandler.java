package io.clusterdns.plugin.hosts;

import io.clusterdns.plugin.AnsweringHandler;
import io.clusterdns.plugin.Deterministic;
import io.clusterdns.plugin.Lifecycle;
import io.clusterdns.plugin.PeriodicReload;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.ReverseNames;
import io.clusterdns.plugin.Request;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers A, AAAA and PTR from a hosts file plus inline entries, as CoreDNS's hosts plugin:
 * records for a listed name (owner spelled as asked), NODATA when the name is listed but not
 * with the asked type, NXDOMAIN otherwise unless {@code fallthrough} covers the name. Names
 * outside its zones, and PTR questions for unlisted addresses, go to the next plugin.
 */
final class HostsHandler implements AnsweringHandler, Lifecycle, Deterministic {
  private final HostsOptions options;
  private final HostsFile file;
  private final HostsTable inline;
  private final PeriodicReload reload;
  private volatile HostsTable table;
  private final AtomicLong generation = new AtomicLong();

  HostsHandler(HostsOptions options, Supplier<ScheduledExecutorService> schedulers) {
    this.options = options;
    this.file = new HostsFile(options.file(), options.origins(), options.reverse());
    this.inline = HostsTable.parse(options.inline(), options.origins(), options.reverse());
    this.reload = new PeriodicReload(schedulers);
    this.table = inline;
  }

  /** Reads the file, then checks it every {@code reload} interval unless that is zero. */
  @Override
  public void start() {
    refresh();
    reload.every(options.reload(), this::refresh);
  }

  @Override
  public void close() {
    reload.close();
  }

  /** Re-reads the file if it changed and swaps in the new table. */
  void refresh() {
    if (file.refresh()) {
      table = file.table().plus(inline);
      generation.incrementAndGet();
    }
  }

  /** Grows on every reload that swapped the table. */
  @Override
  public long generation() {
    return generation.get();
  }

  /** The reply from the table, or null when the query goes on (other names, fallthrough). */
  @Override
  public Message answer(Request request) {
    Name qname = request.qname();
    int qtype = request.qtype();
    if (qtype != Type.PTR && !inZones(qname)) {
      return null;
    }
    HostsTable current = table;
    Message reply = Replies.authoritative(request);
    switch (qtype) {
      case Type.PTR -> {
        InetAddress address = ReverseNames.address(qname);
        List<Name> names = address == null ? List.of() : current.names(address);
        if (names.isEmpty()) {
          return null;
        }
        for (Name target : names) {
          reply.addRecord(new PTRRecord(qname, DClass.IN, options.ttl(), target), Section.ANSWER);
        }
        return reply;
      }
      case Type.A -> current.ipv4(qname)
          .forEach(ip -> reply.addRecord(new ARecord(qname, DClass.IN, options.ttl(), ip), Section.ANSWER));
      case Type.AAAA -> current.ipv6(qname)
          .forEach(ip -> reply.addRecord(new AAAARecord(qname, DClass.IN, options.ttl(), ip), Section.ANSWER));
      default -> { }
    }
    if (reply.getSection(Section.ANSWER).isEmpty() && !current.hasName(qname)) {
      if (options.fallthrough().covers(qname)) {
        return null;
      }
      reply.getHeader().setRcode(Rcode.NXDOMAIN);
    }
    return reply;
  }

  private boolean inZones(Name qname) {
    for (Name origin : options.origins()) {
      if (qname.subdomain(origin)) {
        return true;
      }
    }
    return false;
  }
}

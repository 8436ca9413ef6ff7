package io.clusterdns.testing;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.DeliveryFault;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;
import java.util.Optional;
import org.xbill.DNS.ExtendedErrorCodeOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;

/**
 * Records each client query with the reply's rcode, after applying the first fault in force that
 * takes it. Lookups the server makes for a plugin re-enter the chain on the same thread while a
 * client query is being served; they are passed on untouched, so the log holds only what clients
 * sent.
 */
final class RecorderHandler implements Handler {
  /** How deep this thread is inside a client query's chain: above 0 means a server lookup. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final ServerState state;

  RecorderHandler(ServerState state) {
    this.state = state;
  }

  @Override
  public Message serve(Request request, Chain next) throws Exception {
    int[] depth = DEPTH.get();
    if (depth[0] > 0) {
      return next.next(request);
    }
    depth[0]++;
    try {
      return serveClient(request, next);
    } finally {
      depth[0]--;
    }
  }

  private Message serveClient(Request request, Chain next) throws Exception {
    String name = text(request.qname());
    Fault fault = null;
    for (InjectedFault injected : state.faults()) {
      if (injected.take(name, request.qtype(), request.transport() == Transport.UDP)) {
        fault = injected.fault();
        break;
      }
    }
    if (fault == null) {
      return record(request, name, next.next(request), null);
    }
    switch (fault.action()) {
      case DROP -> {
        record(request, name, null, fault);
        throw DeliveryFault.drop();
      }
      case DELAY -> throw DeliveryFault.delay(record(request, name, next.next(request), fault), fault.delay());
      case WRONG_ID -> throw DeliveryFault.wrongId(
          record(request, name, next.next(request), fault), (request.id() + 1) & 0xFFFF);
      case SERVFAIL -> {
        return record(request, name,
            Replies.servfail(request, ExtendedErrorCodeOption.OTHER, "injected by clusterdns-testing"), fault);
      }
      case NXDOMAIN -> {
        return record(request, name, Replies.error(request, Rcode.NXDOMAIN), fault);
      }
      case REFUSED -> {
        return record(request, name, Replies.refused(request), fault);
      }
      case LAME -> {
        return record(request, name, Replies.reply(request), fault);
      }
      case TRUNCATE -> {
        // As a server truncates: the real reply's rcode, AA and RA, and no records. Without AA
        // and RA an empty reply is a lame answer to glibc, which then never asks over TCP.
        Message real = next.next(request);
        Message truncated = Replies.reply(request);
        if (real != null) {
          truncated.getHeader().setRcode(real.getRcode());
          for (int flag : new int[] {Flags.AA, Flags.RA}) {
            if (real.getHeader().getFlag(flag)) {
              truncated.getHeader().setFlag(flag);
            }
          }
        }
        truncated.getHeader().setFlag(Flags.TC);
        return record(request, name, truncated, fault);
      }
      default -> throw new IllegalStateException("unknown fault " + fault.action());
    }
  }

  private Message record(Request request, String name, Message reply, Fault fault) {
    state.record(new QueryRecord(name, request.qtype(), request.transport(), request.remote(), request.id(),
        reply == null ? -1 : reply.getRcode(), Optional.ofNullable(fault).map(Fault::action)));
    return reply;
  }

  /** The name as spelled, without its trailing dot. */
  static String text(Name name) {
    return name.equals(Name.root) ? "." : name.toString(true);
  }
}

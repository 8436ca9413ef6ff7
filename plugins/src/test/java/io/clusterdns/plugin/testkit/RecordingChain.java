package io.clusterdns.plugin.testkit;

import io.clusterdns.plugin.Chain;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.xbill.DNS.Message;

/** The rest of a chain that records its calls and answers with a fixed reply or failure. */
public final class RecordingChain implements Chain {
  public static final int NEXT_RCODE = org.xbill.DNS.Rcode.NOTIMP;

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<Request> last = new AtomicReference<>();
  private final Exception failure;

  private RecordingChain(Exception failure) {
    this.failure = failure;
  }

  /** A chain whose next plugin answers NOTIMP, a reply no plugin under test produces. */
  public static RecordingChain answering() {
    return new RecordingChain(null);
  }

  public static RecordingChain failingWith(Exception failure) {
    return new RecordingChain(failure);
  }

  @Override
  public Message next(Request request) throws Exception {
    calls.incrementAndGet();
    last.set(request);
    if (failure != null) {
      throw failure;
    }
    return Replies.error(request, NEXT_RCODE);
  }

  public boolean called() {
    return calls.get() > 0;
  }

  public int calls() {
    return calls.get();
  }

  /** The request the last call passed on, as the next plugin saw it; null before any call. */
  public Request lastRequest() {
    return last.get();
  }
}

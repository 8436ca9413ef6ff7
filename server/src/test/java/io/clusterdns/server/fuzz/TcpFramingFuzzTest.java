package io.clusterdns.server.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.clusterdns.server.ClusterDns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Coverage-guided fuzzing of the TCP framing of a real listener on loopback: each input is one
 * connection that sends a fuzzed byte stream (length prefixes, pipelined messages, partial,
 * empty and over-long frames) in fuzzed chunk sizes, and then half-closes, aborts with a reset,
 * or stalls (keeps the connection open: the server's message deadline closes it when a frame is
 * incomplete, else the client does once every query is answered). Every reply must be a whole
 * frame holding a well-formed response to a distinct complete query of the stream (same ID and
 * opcode, same question, QR set, no TC over TCP; RFC 7766 lets the order differ from the
 * queries'). After a
 * half-close every query the server answers (12 bytes or more, QR clear) is answered exactly
 * once before the server closes; a partial frame at the end is not. After every input the
 * listener still answers a fresh query.
 *
 * <p>Input format: byte 0 picks how the stream ends (low 4 bits: 0–13 half-close, 14 reset,
 * 15 stall); byte 1 gives 1–8 chunk sizes, the next bytes the sizes (1–256 bytes, used in turn
 * for the first {@value #MAX_WRITES} writes, after which the rest goes at once); the rest of the
 * input, up to {@value #MAX_STREAM} bytes, is the stream. Two servers serve the example cluster:
 * one with long deadlines, few queries in flight per connection and a short worker queue
 * (back-pressure, never a timeout within an input), one with a message deadline of
 * {@value #SHORT_DEADLINE_MILLIS} ms for the stalls.
 */
class TcpFramingFuzzTest {
  static final int MAX_STREAM = 8192;
  static final int SHORT_DEADLINE_MILLIS = 25;
  private static final int MAX_WRITES = 64;
  private static final int HEADER = 12;
  private static final int WAIT_MILLIS = 10_000;
  private static final String COREFILE =
      """
      cluster.local 10.96.0.0/16 10.244.0.0/16 test {
          errors
          kubernetes cluster.local 10.96.0.0/16 10.244.0.0/16 {
              manifests MANIFESTS
              pods insecure
          }
          k8s_gateway test {
              default_address 192.168.49.2
          }
      }
      """;
  private static final byte[] FRESH_QUERY = freshQuery();

  /** Reads each input's replies while it writes, so that neither side can block the other. */
  private static final ExecutorService READER = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tcp-fuzz-reader");
    thread.setDaemon(true);
    return thread;
  });
  private static volatile ClusterDns patient;
  private static volatile ClusterDns hasty;
  private static int freshId;

  private enum Ending { HALF_CLOSE, RESET, STALL }

  @FuzzTest
  void framing(byte[] input) throws Exception {
    if (input.length < 2) {
      return;
    }
    Ending ending = switch (input[0] & 0x0F) {
      case 14 -> Ending.RESET;
      case 15 -> Ending.STALL;
      default -> Ending.HALF_CLOSE;
    };
    int sizes = 1 + (input[1] & 0x07);
    if (input.length < 2 + sizes) {
      return;
    }
    int[] chunks = new int[sizes];
    for (int i = 0; i < sizes; i++) {
      chunks[i] = 1 + (input[2 + i] & 0xFF);
    }
    byte[] stream = Arrays.copyOfRange(input, 2 + sizes,
        Math.min(input.length, 2 + sizes + MAX_STREAM));
    ClusterDns server = ending == Ending.STALL ? hasty() : patient();
    List<Frame> frames = Frame.split(stream);
    // Jazzer's SSRF detector refuses every connection unless allowed; these go to our own two
    // listeners on loopback, whatever the input.
    try (SilentCloseable allowed =
        BugDetectors.allowNetworkConnections(TcpFramingFuzzTest::ownListener)) {
      exchange(server.tcpAddress(), ending, chunks, stream, frames);
      requireAlive(server);
    }
  }

  private static void exchange(InetSocketAddress address, Ending ending, int[] chunks,
      byte[] stream, List<Frame> frames) throws Exception {
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(WAIT_MILLIS);
      Future<Replies> replies =
          ending == Ending.RESET
              ? null
              : READER.submit(() ->
                  Replies.read(socket.getInputStream(), enough(ending, stream, frames)));
      try {
        send(socket.getOutputStream(), chunks, stream);
        if (ending == Ending.HALF_CLOSE) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // Only the hasty server may close the connection while the client still writes.
        assertEquals(Ending.STALL, ending,
            "the server closed a connection the client was writing to: " + e);
      }
      if (ending == Ending.RESET) {
        socket.setSoLinger(true, 0);
        return;
      }
      Replies received;
      try {
        received = replies.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        replies.cancel(true);
        fail("the server neither replied nor closed within " + WAIT_MILLIS + " ms ("
            + ending + ")");
        return;
      } catch (ExecutionException e) {
        fail("reading the replies failed: " + e.getCause(), e.getCause());
        return;
      }
      check(received, frames, ending == Ending.HALF_CLOSE);
    }
  }

  /**
   * How many replies end the reading before the server closes: a stalled connection whose
   * stream ends between frames is only closed by the idle timeout, so its client stops once
   * every query is answered; otherwise the server's close ends it.
   */
  private static int enough(Ending ending, byte[] stream, List<Frame> frames) {
    int framed = frames.stream().mapToInt(frame -> 2 + frame.body().length).sum();
    if (ending != Ending.STALL || framed < stream.length) {
      return Integer.MAX_VALUE;
    }
    return (int) frames.stream().filter(Frame::answerable).count();
  }

  private static void send(OutputStream out, int[] chunks, byte[] stream) throws IOException {
    int at = 0;
    for (int i = 0; at < stream.length; i++) {
      // Past MAX_WRITES the rest goes at once: thousands of one-byte writes teach no more than
      // dozens, and would slow every input down to a few a second.
      int length = i < MAX_WRITES
          ? Math.min(chunks[i % chunks.length], stream.length - at) : stream.length - at;
      out.write(stream, at, length);
      out.flush();
      at += length;
    }
  }

  /** Each reply answers a distinct complete query; after a half-close, every answerable one. */
  private static void check(Replies received, List<Frame> frames, boolean complete) {
    // The hasty server may close with input unread, which resets; after a half-close the server
    // has read everything and must close cleanly.
    assertFalse(complete && received.reset(), "the server reset a half-closed connection");
    assertEquals(0, received.leftover(),
        "the server closed with " + received.leftover() + " bytes of a reply frame unsent");
    List<Frame> unanswered = new ArrayList<>();
    for (Frame frame : frames) {
      if (frame.answerable()) {
        unanswered.add(frame);
      }
    }
    List<Message> replies = new ArrayList<>();
    for (byte[] reply : received.frames()) {
      Message message = parse(reply);
      assertTrue(message.getHeader().getFlag(Flags.QR), "reply has QR set: " + message);
      assertFalse(message.getHeader().getFlag(Flags.TC), "TC over TCP: " + message);
      replies.add(message);
    }
    match(replies, unanswered);
    if (complete) {
      assertTrue(unanswered.isEmpty(), unanswered.size() + " of " + frames.size()
          + " frames unanswered after a half-close, the first with ID " + (unanswered.isEmpty()
          ? -1 : unanswered.get(0).id()));
    }
  }

  /**
   * Pairs each reply with a distinct query of the same ID and opcode, taking them from
   * {@code unanswered}. Several queries may share an ID, so the most telling pairs go first: a
   * reply's question against queries that ask it, then against queries that do not parse, and
   * last the replies without a question (FORMERR, NOTIMP) against whatever is left.
   */
  private static void match(List<Message> replies, List<Frame> unanswered) {
    List<Message> left = new ArrayList<>();
    for (Message reply : replies) {
      if (reply.getQuestion() == null || !take(unanswered, reply, Frame.Asks.SAME)) {
        left.add(reply);
      }
    }
    for (Message reply : left) {
      if (!take(unanswered, reply, Frame.Asks.ANY)) {
        fail("a reply with ID " + reply.getHeader().getID() + ", opcode "
            + reply.getHeader().getOpcode() + " and question " + reply.getQuestion()
            + " answers no complete query of the stream still unanswered: " + reply);
      }
    }
  }

  private static boolean take(List<Frame> unanswered, Message reply, Frame.Asks asks) {
    int id = reply.getHeader().getID();
    int opcode = reply.getHeader().getOpcode();
    for (int i = 0; i < unanswered.size(); i++) {
      Frame frame = unanswered.get(i);
      if (frame.id() == id && frame.opcode() == opcode && frame.asks(reply.getQuestion(), asks)) {
        unanswered.remove(i);
        return true;
      }
    }
    return false;
  }

  private static Message parse(byte[] reply) {
    try {
      return new Message(reply);
    } catch (IOException e) {
      fail("reply frame of " + reply.length + " bytes does not parse: " + e.getMessage());
      return null;
    }
  }

  /** A fresh connection, a well-formed query, its answer: the listener survived the input. */
  private static void requireAlive(ClusterDns server) throws IOException {
    InetSocketAddress address = server.tcpAddress();
    int id = freshId++ & 0xFFFF;
    FRESH_QUERY[2] = (byte) (id >>> 8);
    FRESH_QUERY[3] = (byte) id;
    try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(WAIT_MILLIS);
      socket.getOutputStream().write(FRESH_QUERY);
      socket.shutdownOutput();
      Replies replies = Replies.read(socket.getInputStream(), Integer.MAX_VALUE);
      assertFalse(replies.reset(), "the server reset the connection of a fresh query");
      assertEquals(1, replies.frames().size(), "replies to a fresh query after the input");
      Message reply = parse(replies.frames().get(0));
      assertEquals(id, reply.getHeader().getID(), "the fresh query's ID");
      assertEquals(0, reply.getRcode(), "the fresh query's rcode: " + reply);
    }
  }

  /** One length-prefixed frame of the stream as the client sent it; complete ones only. */
  record Frame(byte[] body) {
    static List<Frame> split(byte[] stream) {
      List<Frame> frames = new ArrayList<>();
      int at = 0;
      while (at + 2 <= stream.length) {
        int length = ((stream[at] & 0xFF) << 8) | (stream[at + 1] & 0xFF);
        if (at + 2 + length > stream.length) {
          break;
        }
        frames.add(new Frame(Arrays.copyOfRange(stream, at + 2, at + 2 + length)));
        at += 2 + length;
      }
      return frames;
    }

    /** What the server answers: a whole header without QR (anything shorter has no ID). */
    boolean answerable() {
      return body.length >= HEADER && (body[2] & 0x80) == 0;
    }

    int id() {
      return ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
    }

    int opcode() {
      return (body[2] >> 3) & 0xF;
    }

    /** How closely a reply's question must fit a query's. */
    enum Asks { SAME, ANY }

    /**
     * Whether a reply with {@code question} may answer this query: with {@link Asks#SAME}, the
     * query parses and asks exactly that; with {@link Asks#ANY}, also when either has no
     * question or the query does not parse.
     */
    boolean asks(Record question, Asks how) {
      Record asked;
      try {
        asked = new Message(body).getQuestion();
      } catch (IOException e) {
        return how == Asks.ANY;
      }
      if (question == null || asked == null) {
        return how == Asks.ANY;
      }
      return asked.getName().equals(question.getName()) && asked.getType() == question.getType()
          && asked.getDClass() == question.getDClass();
    }
  }

  /**
   * The reply frames read until the server closed (or {@code enough} of them came), the bytes
   * of a frame cut short, and whether the server reset the connection rather than closing it.
   */
  record Replies(List<byte[]> frames, int leftover, boolean reset) {
    static Replies read(InputStream in, int enough) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      boolean reset = false;
      try {
        int n;
        int complete = 0;
        while (complete < enough && (n = in.read(buffer)) >= 0) {
          all.write(buffer, 0, n);
          if (enough != Integer.MAX_VALUE) {
            complete = Frame.split(all.toByteArray()).size();
          }
        }
      } catch (SocketException e) {
        reset = true;
      }
      byte[] bytes = all.toByteArray();
      List<byte[]> frames = new ArrayList<>();
      for (Frame frame : Frame.split(bytes)) {
        frames.add(frame.body());
      }
      int used = frames.stream().mapToInt(frame -> frame.length + 2).sum();
      return new Replies(frames, bytes.length - used, reset);
    }
  }

  private static boolean ownListener(String host, int port) {
    for (ClusterDns server : new ClusterDns[] {patient, hasty}) {
      if (server != null) {
        InetSocketAddress address = server.tcpAddress();
        // The detector sees the name the address was made with ("localhost") or its literal.
        if (address.getPort() == port && (host.equals(address.getAddress().getHostName())
            || host.equals(address.getAddress().getHostAddress()))) {
          return true;
        }
      }
    }
    return false;
  }

  @AfterAll
  static void stop() {
    READER.shutdownNow();
    if (patient != null) {
      patient.close();
    }
    if (hasty != null) {
      hasty.close();
    }
  }

  private static synchronized ClusterDns patient() {
    if (patient == null) {
      patient = start(ClusterDns.builder()
          .tcpMessageTimeout(Duration.ofSeconds(60))
          .tcpIdleTimeout(Duration.ofSeconds(60))
          .maxTcpQueriesInFlight(4)
          .maxTcpQueriesQueued(8));
    }
    return patient;
  }

  private static synchronized ClusterDns hasty() {
    if (hasty == null) {
      hasty = start(ClusterDns.builder()
          .tcpMessageTimeout(Duration.ofMillis(SHORT_DEADLINE_MILLIS))
          // A short idle timeout would close the fresh query's connection whenever the client
          // thread is late to write, which a loaded machine makes common.
          .tcpIdleTimeout(Duration.ofSeconds(60)));
    }
    return hasty;
  }

  private static ClusterDns start(ClusterDns.Builder builder) {
    try {
      Path manifests = Path.of(TcpFramingFuzzTest.class
          .getResource("/io/clusterdns/server/example/cluster.yaml").toURI());
      ClusterDns server = builder
          .corefile(COREFILE.replace("MANIFESTS", manifests.toString()))
          .defaultPort(0)
          .start();
      server.awaitReady(Duration.ofSeconds(10));
      return server;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the fuzzed server: " + e.getMessage(), e);
    }
  }

  private static byte[] freshQuery() {
    try {
      byte[] wire = Message.newQuery(Record.newRecord(
          Name.fromString("kubernetes.default.svc.cluster.local."), Type.A, DClass.IN)).toWire();
      byte[] framed = new byte[wire.length + 2];
      framed[0] = (byte) (wire.length >>> 8);
      framed[1] = (byte) wire.length;
      System.arraycopy(wire, 0, framed, 2, wire.length);
      return framed;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

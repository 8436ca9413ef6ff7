package io.clusterdns.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.Replies;
import io.clusterdns.plugin.Request;
import io.clusterdns.plugin.Transport;

/**
 * The cluster a test server answers from, changeable while the test runs. Every change returns
 * once the server answers from the changed cluster, so the next query sees it.
 *
 * <p>The objects are written as one manifest file that the kubernetes plugin watches; each
 * version of the file carries a marker Service, {@code revision.clusterdns-testing.svc.cluster.local},
 * whose address counts the changes, and a change is complete when the kubernetes plugin answers
 * with the new count. That Service is the one object a test sees that it did not declare.
 */
public final class Cluster {
  static final String MARKER_NAMESPACE = "clusterdns-testing";
  private static final Name MARKER = Name.fromConstantString("revision." + MARKER_NAMESPACE + ".svc.cluster.local.");
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);
  private static final long POLL_NANOS = 5_000_000;

  private final Path file;
  private final ServerState state;
  private final Map<String, KubeObject> objects = new LinkedHashMap<>();
  private int revision;

  Cluster(Path file, ServerState state, Collection<KubeObject> initial) {
    this.file = file;
    this.state = state;
    initial.forEach(o -> objects.put(o.key(), o));
    write();
  }

  /** Adds the objects, or replaces those of the same kind, namespace and name; waits until served. */
  public synchronized Cluster apply(KubeObject... changed) {
    for (KubeObject object : changed) {
      objects.put(object.key(), object);
    }
    return change();
  }

  /** Removes the objects of these kinds, namespaces and names; waits until served. */
  public synchronized Cluster delete(KubeObject... gone) {
    for (KubeObject object : gone) {
      if (objects.remove(object.key()) == null) {
        throw new IllegalArgumentException("no " + object.key() + " in the cluster");
      }
    }
    return change();
  }

  /** Replaces every declared object by {@code all}; waits until served. */
  public synchronized Cluster replaceAll(Collection<? extends KubeObject> all) {
    objects.clear();
    all.forEach(o -> objects.put(o.key(), o));
    return change();
  }

  /** The declared objects (not those of YAML resources), in the order first applied. */
  public synchronized List<KubeObject> objects() {
    return List.copyOf(objects.values());
  }

  private Cluster change() {
    revision++;
    write();
    awaitServed();
    return this;
  }

  /** Waits until the kubernetes plugin answers from this revision of the file. */
  synchronized void awaitServed() {
    InetAddress expected = markerAddress(revision);
    long deadline = System.nanoTime() + CHANGE_TIMEOUT.toNanos();
    while (!serves(expected)) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the test server did not pick up cluster revision " + revision + " of "
            + file + " within " + CHANGE_TIMEOUT.toSeconds() + " s");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private boolean serves(InetAddress expected) {
    Handler kubernetes = state.kubernetes().orElseThrow(
        () -> new IllegalStateException("the test server runs no kubernetes plugin"));
    Message query = Message.newQuery(Record.newRecord(MARKER, Type.A, org.xbill.DNS.DClass.IN));
    Request request = new Request(query, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Transport.UDP, TestServer.CLUSTER_ZONE, System.nanoTime());
    try {
      Message reply = kubernetes.serve(request, Replies::servfail);
      for (Record answer : reply.getSection(Section.ANSWER)) {
        if (answer instanceof ARecord a && a.getAddress().equals(expected)) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      throw new IllegalStateException("asking the kubernetes plugin for " + MARKER + " failed", e);
    }
  }

  /** The marker's address for a revision: in 240.0.0.0/4, which no cluster uses. */
  private static InetAddress markerAddress(int revision) {
    byte[] address = {(byte) (0xF0 | (revision >>> 24 & 0x0F)), (byte) (revision >>> 16), (byte) (revision >>> 8), (byte) revision};
    try {
      return InetAddress.getByAddress(address);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void write() {
    List<String> documents = new ArrayList<>();
    for (KubeObject object : objects.values()) {
      documents.addAll(object.manifests());
    }
    documents.addAll(new ServiceObject("revision", MARKER_NAMESPACE, null, null, List.of(), List.of())
        .clusterIp(markerAddress(revision).getHostAddress()).manifests());
    // Written beside and moved into place, so the watcher never reads half a file.
    Path partial = file.resolveSibling("." + file.getFileName() + ".partial");
    try {
      Files.writeString(partial, String.join("\n---\n", documents) + "\n", StandardCharsets.UTF_8);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the cluster to " + file, e);
    }
  }
}

package io.clusterdns.plugin.cluster.source;

import io.clusterdns.plugin.cluster.ClusterView;
import io.clusterdns.plugin.cluster.GatewayView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster view from Kubernetes manifest files instead of an API server. Files are watched
 * (file-system events, and a modification-time check every {@value #POLL_MILLIS} ms in case an
 * event is missed), so an edit shows in answers within a second. A file that stops parsing is
 * reported and its last good objects keep serving; a file that never parsed contributes nothing.
 * The source is synced once the first load is done.
 */
public final class ManifestSource implements ClusterSource {
  static final long POLL_MILLIS = 500;
  /** How long a changed file must stay unchanged before it is read, so no half-written file is. */
  static final long SETTLE_MILLIS = 50;
  private static final long PARSER_IDLE_SECONDS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(ManifestSource.class);

  private final List<Path> paths;
  private final boolean withPods;
  /** Parses chunks of manifest files on every core; its threads end when idle. */
  private final ThreadPoolExecutor parsers;
  private final ManifestReader reader;
  private final ExecutorService executor;
  private final ClusterStore store;
  private final SnapshotPublisher publisher;
  /** Null unless a plugin (k8s_gateway) asked for Ingresses, Gateways and routes. */
  private final GatewayStore gatewayStore;
  private final Map<Path, LoadedFile> files = new TreeMap<>();
  private final Map<Path, String> problems = new ConcurrentHashMap<>();
  private final Map<Path, Settling> settling = new TreeMap<>();
  private volatile boolean synced;
  private volatile boolean closed;
  private WatchService watchService;
  private Thread watcher;

  /** What was last loaded from a file, and the file's state when it was read. */
  private record LoadedFile(FileTime modified, long size, ClusterObjects objects) {}

  /** A changed file not read yet: its state when first seen so, and since when. */
  private record Settling(FileTime modified, long size, long sinceNanos) {}

  public ManifestSource(SourceOptions options, ClusterView view) {
    this(options, view, null, Clock.systemUTC());
  }

  /** A source that also fills {@code gateways}, when not null, with the files' gateway objects. */
  public ManifestSource(SourceOptions options, ClusterView view, GatewayView gateways) {
    this(options, view, gateways, Clock.systemUTC());
  }

  ManifestSource(SourceOptions options, ClusterView view, Clock clock) {
    this(options, view, null, clock);
  }

  ManifestSource(SourceOptions options, ClusterView view, GatewayView gateways, Clock clock) {
    this.paths = options.manifests().stream().map(p -> p.toAbsolutePath().normalize()).toList();
    this.withPods = options.watchPods();
    int cores = Runtime.getRuntime().availableProcessors();
    this.parsers =
        new ThreadPoolExecutor(
            cores,
            cores,
            PARSER_IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "clusterdns-manifest-parse");
              thread.setDaemon(true);
              return thread;
            });
    parsers.allowCoreThreadTimeOut(true);
    // Two chunks per core queued keeps every core busy while the file is read ahead.
    this.reader = new ManifestReader(parsers, 2 * cores, ManifestChunks.CHUNK_CHARS);
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "clusterdns-manifest-view");
              thread.setDaemon(true);
              return thread;
            });
    // The parsing threads are idle once the files are read: they help build the first snapshot.
    this.store = new ClusterStore(ClusterStore.NamespaceRule.IMPLIED, clock, this::changed, parsers);
    this.publisher = new SnapshotPublisher(store, view, this::synced, executor);
    this.gatewayStore = gateways == null ? null : new GatewayStore(gateways, clock);
  }

  private void changed() {
    publisher.changed();
  }

  @Override
  public void start() throws IOException {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        LOG.warn("manifest path {} does not exist (yet); it is watched", path);
      }
    }
    rescan(Set.of(), false);
    synced = true;
    // Start returns with the synced view in place, so the first answers are never SERVFAIL.
    publisher.publishNow();
    watchService = FileSystems.getDefault().newWatchService();
    Set<Path> directories = new LinkedHashSet<>();
    for (Path path : paths) {
      directories.add(Files.isDirectory(path) ? path : path.getParent());
    }
    for (Path directory : directories) {
      if (Files.isDirectory(directory)) {
        directory.register(
            watchService,
            StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY,
            StandardWatchEventKinds.ENTRY_DELETE);
      }
    }
    watcher = new Thread(this::watch, "clusterdns-manifest-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void watch() {
    try {
      while (!closed) {
        Set<Path> touched = new HashSet<>();
        long wait = settlingCount() > 0 ? SETTLE_MILLIS : POLL_MILLIS;
        WatchKey key = watchService.poll(wait, TimeUnit.MILLISECONDS);
        while (key != null) {
          Path directory = (Path) key.watchable();
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.context() instanceof Path name) {
              touched.add(directory.resolve(name));
            }
          }
          key.reset();
          key = watchService.poll();
        }
        rescan(touched, true);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A reload that close() cuts short (its parsers refuse work) is no error.
      if (!closed) {
        LOG.error("manifest watch stopped", e);
      }
    }
  }

  private synchronized int settlingCount() {
    return settling.size();
  }

  /**
   * Re-reads new files, changed files and {@code touched} ones (once they have settled, when
   * {@code settle}); drops files that are gone.
   */
  private synchronized void rescan(Set<Path> touched, boolean settle) {
    List<Path> current;
    try {
      current = ManifestFiles.expand(paths);
    } catch (UncheckedIOException e) {
      LOG.warn("cannot list manifest paths: {}", e.getCause().toString());
      return;
    }
    boolean changed = files.keySet().retainAll(current);
    problems.keySet().retainAll(current);
    settling.keySet().retainAll(current);
    for (Path file : current) {
      changed |= load(file, touched.contains(file), settle);
    }
    if (changed) {
      ClusterObjects all = new ClusterObjects();
      files.values().forEach(f -> all.addAll(f.objects()));
      if (gatewayStore != null) {
        gatewayStore.replaceAll(all);
      }
      store.replaceAll(all);
    }
  }

  private boolean load(Path file, boolean touched, boolean settle) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      settling.remove(file);
      return files.remove(file) != null;
    } catch (IOException e) {
      LOG.warn("{}: cannot read: {}", file, e.toString());
      return false;
    }
    LoadedFile old = files.get(file);
    FileTime modified = attributes.lastModifiedTime();
    long size = attributes.size();
    Settling seen = settling.get(file);
    if (!touched
        && seen == null
        && old != null
        && old.modified().equals(modified)
        && old.size() == size) {
      return false;
    }
    if (settle && !settled(file, seen, modified, size)) {
      return false;
    }
    settling.remove(file);
    try {
      ClusterObjects objects = reader.read(file, ManifestConversion.collector(file, withPods));
      files.put(file, new LoadedFile(modified, size, objects));
      if (problems.remove(file) != null) {
        LOG.info("{}: parses again", file);
      }
      return true;
    } catch (ManifestException e) {
      ClusterObjects kept = old == null ? new ClusterObjects() : old.objects();
      files.put(file, new LoadedFile(modified, size, kept));
      if (!e.getMessage().equals(problems.put(file, e.getMessage()))) {
        LOG.error(
            "{}; {}",
            e.getMessage(),
            old == null ? "the file contributes nothing" : "its last good objects keep serving");
      }
      return false;
    }
  }

  private boolean settled(Path file, Settling seen, FileTime modified, long size) {
    long now = System.nanoTime();
    if (seen == null || !seen.modified().equals(modified) || seen.size() != size) {
      settling.put(file, new Settling(modified, size, now));
      return false;
    }
    return now - seen.sinceNanos() >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
  }

  /** The files that do not parse now, with what is wrong (file, line, problem). */
  public Map<Path, String> problems() {
    return Map.copyOf(problems);
  }

  @Override
  public boolean synced() {
    return synced;
  }

  @Override
  public void close() {
    closed = true;
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException e) {
        LOG.debug("closing the manifest watch: {}", e.toString());
      }
    }
    if (watcher != null) {
      watcher.interrupt();
    }
    executor.shutdownNow();
    parsers.shutdownNow();
  }
}

package io.clusterdns.server.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The heap after start-up. Loading the cluster leaves most of the heap as garbage (about 45 MiB
 * stays live at 10,000 Services with 50,000 endpoints, read from YAML), so it is collected once
 * shortly after the server runs ({@link #SETTLE}), and the collector gives the free part back to
 * the system as far as its free-ratio settings allow; glibc's malloc is then told to return what
 * the parser freed ({@link #trimNativeHeap}). A JVM left without heap or collector flags
 * ({@code java -Dclusterdns.jvm.flags=keep -jar clusterdns.jar}, or when {@link BoundedJvm}'s
 * restart failed) would keep 40–70% free, with a young generation sized from
 * the machine's memory; there the ratios are set to 10–30% first. Any {@code -X} option, typed or from
 * {@code JAVA_TOOL_OPTIONS}/{@code JDK_JAVA_OPTIONS}, leaves the ratios to the user (the image's
 * entrypoint sets them itself). After start, {@link MemoryTrim} does the same once each burst of
 * queries has passed. While the cluster loads, the serial collector's ratios are loosened
 * ({@link #whileLoading}) and put back before that first collection.
 */
final class HeapPolicy {
  static final String MIN_FREE = "10";
  static final String MAX_FREE = "30";
  /**
   * The serial collector's free ratios while the cluster loads. With the ratios of a small
   * footprint each full collection grows the old generation by a tenth of what is live, so a
   * load that keeps hundreds of MiB live fills it again and again: 100,000 Services took 40 full
   * collections (9 s of collector CPU) at 10%, 4 (2.6 s) at 70%. No shrinking (100%) either: the
   * load only grows.
   */
  static final String LOADING_MIN_FREE = "70";
  static final String LOADING_MAX_FREE = "100";
  private static final Runnable NOTHING = () -> {};
  /** Full collections the serial collector needs to shrink all the way (see {@link #collect}). */
  private static final int SERIAL_STEPS = 4;
  /**
   * How long after the listeners are bound the collection waits. Done at once, its full
   * collections stopped the threads answering the first queries and its management beans cost
   * the main thread about 30 ms of CPU, both on the way to the first answer (README, "Run it in
   * a cluster"); a second later the heap is as big, so the resident set it gives back is the same.
   */
  static final Duration SETTLE = Duration.ofSeconds(1);

  private HeapPolicy() {}

  /** Whether the JVM options leave the heap to the defaults. */
  static boolean defaulted(List<String> jvmOptions) {
    return jvmOptions.stream().noneMatch(option -> option.startsWith("-X"));
  }

  /**
   * Called before the server loads its configuration, with the serial collector: sets the free
   * ratios of a load ({@link #LOADING_MIN_FREE}) and returns what puts back the ratios it changed,
   * for {@link #afterStart}; with another collector, or ratios already as loose, returns what does
   * nothing. Whatever set the ratios before (the image's flags, the user's, the JVM's defaults)
   * gets them back.
   */
  static Runnable whileLoading() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return "true".equals(vm.getVMOption("UseSerialGC").getValue()) ? loosen(vm) : NOTHING;
  }

  /** Sets the ratios of a load, whatever the collector; returns what restores them. */
  static Runnable loosen(HotSpotDiagnosticMXBean vm) {
    String min = vm.getVMOption("MinHeapFreeRatio").getValue();
    String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
    if (Integer.parseInt(min) >= Integer.parseInt(LOADING_MIN_FREE)) {
      return NOTHING;
    }
    // max before min when raising, min before max when lowering: the JVM rejects a minimum
    // above the maximum
    vm.setVMOption("MaxHeapFreeRatio", LOADING_MAX_FREE);
    vm.setVMOption("MinHeapFreeRatio", LOADING_MIN_FREE);
    return () -> {
      // Changed meanwhile (jcmd VM.set_flag): not ours to undo.
      if (LOADING_MIN_FREE.equals(vm.getVMOption("MinHeapFreeRatio").getValue())
          && LOADING_MAX_FREE.equals(vm.getVMOption("MaxHeapFreeRatio").getValue())) {
        vm.setVMOption("MinHeapFreeRatio", min);
        vm.setVMOption("MaxHeapFreeRatio", max);
      }
    };
  }

  /**
   * Called once the server answers: on a daemon thread of its own, {@link #SETTLE} later, puts
   * back the ratios the load changed ({@code loaded}, from {@link #whileLoading}), sets those of
   * a defaulted JVM, collects the load, then runs the trim that follows each burst of queries
   * for the life of the process.
   */
  static void afterStart(Runnable loaded) {
    later(SETTLE, () -> {
      loaded.run();
      setRatios();
      collect();
      MemoryTrim.system().run();
    });
  }

  /** Runs {@code work} on a new daemon thread, {@code memory-trim}, once {@code settle} passed. */
  static Thread later(Duration settle, Runnable work) {
    Thread thread = new Thread(() -> {
      try {
        Thread.sleep(settle.toMillis());
      } catch (InterruptedException stopped) {
        return;
      }
      work.run();
    }, "memory-trim");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Sets the free ratios when the JVM options leave the heap to the defaults. */
  static void setRatios() {
    if (defaulted(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      // min before max: the JVM rejects a maximum below the current minimum (40 by default)
      vm.setVMOption("MinHeapFreeRatio", MIN_FREE);
      vm.setVMOption("MaxHeapFreeRatio", MAX_FREE);
    }
  }

  /**
   * A full collection, which shrinks the heap to the free ratios, then a trim of malloc's heap.
   * The serial collector gives back the excess in steps over successive full collections (0%,
   * 10%, 40%, then all of it) unless {@code -XX:-ShrinkHeapInSteps}, which the image's flags and
   * {@link BoundedJvm}'s set, so with other flags it takes four. Each stops every thread for as
   * long as compacting what is live takes: a few ms for the built-in example, about 50 ms at
   * 10,000 Services, 0.4–0.5 s at 100,000 (185 MiB live), where four in a row held the queries
   * up for 1.7–1.9 s.
   */
  static void collect() {
    int collections = shrinksInSteps() ? SERIAL_STEPS : 1;
    for (int i = 0; i < collections; i++) {
      System.gc();
    }
    trimNativeHeap();
  }

  private static boolean shrinksInSteps() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    return "true".equals(vm.getVMOption("UseSerialGC").getValue())
        && "true".equals(vm.getVMOption("ShrinkHeapInSteps").getValue());
  }

  /**
   * Returns the free memory of glibc's malloc arenas to the system ({@code malloc_trim}): the
   * YAML parser, the JIT compilers and every thread that ever ran leave freed blocks there that
   * the process otherwise keeps resident (an arena per thread, up to 8 per core). The JVM offers
   * it as the diagnostic command {@code System.trim_native_heap} (17.0.9 on); a JVM without it,
   * or not on glibc, has nothing to trim and the call does nothing.
   */
  static void trimNativeHeap() {
    try {
      ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap", null, null);
    } catch (JMException | RuntimeException notAvailable) {
      // An older JVM: its malloc arenas keep their free blocks, as they would without this call.
    }
  }
}

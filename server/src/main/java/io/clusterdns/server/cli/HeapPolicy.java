package io.clusterdns.server.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The heap of a JVM started without heap or collector flags ({@code java -jar clusterdns.jar}):
 * the JVM's defaults size it from the machine (a quarter of its memory at most) and keep what
 * loading the cluster touched, some 300 MiB resident at 10,000 Services where the live data is
 * about 45 MiB. Once the server has started, the heap is told to stay within 10–30% free and the
 * garbage of the load is collected, which returns that memory to the system. Any {@code -X}
 * option, typed or from {@code JAVA_TOOL_OPTIONS}/{@code JDK_JAVA_OPTIONS}, leaves the JVM alone.
 */
final class HeapPolicy {
  static final String MIN_FREE = "10";
  static final String MAX_FREE = "30";

  private HeapPolicy() {}

  /** Whether the JVM options leave the heap to the defaults. */
  static boolean defaulted(List<String> jvmOptions) {
    return jvmOptions.stream().noneMatch(option -> option.startsWith("-X"));
  }

  /** Applies the lean heap after start-up when this JVM runs with default heap settings. */
  static void afterStart() {
    if (!defaulted(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
      return;
    }
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    // min before max: the JVM rejects a maximum below the current minimum (40 by default)
    vm.setVMOption("MinHeapFreeRatio", MIN_FREE);
    vm.setVMOption("MaxHeapFreeRatio", MAX_FREE);
    System.gc();
  }
}

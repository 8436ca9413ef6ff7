package io.clusterdns.server.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The heap after start-up. Loading the cluster leaves most of the heap as garbage (about 45 MiB
 * stays live at 10,000 Services with 50,000 endpoints, read from YAML), so it is collected once
 * as soon as the server runs, and the collector gives the free part back to the system as far as
 * its free-ratio settings allow. A JVM started without heap or collector flags ({@code java -jar
 * clusterdns.jar}) would keep 40–70% free, with a young generation sized from the machine's
 * memory; there the ratios are set to 10–30% first. Any {@code -X} option, typed or from
 * {@code JAVA_TOOL_OPTIONS}/{@code JDK_JAVA_OPTIONS}, leaves the ratios to the user (the image's
 * entrypoint sets them itself).
 */
final class HeapPolicy {
  static final String MIN_FREE = "10";
  static final String MAX_FREE = "30";

  private HeapPolicy() {}

  /** Whether the JVM options leave the heap to the defaults. */
  static boolean defaulted(List<String> jvmOptions) {
    return jvmOptions.stream().noneMatch(option -> option.startsWith("-X"));
  }

  /** Called once the server answers: sets the ratios of a defaulted JVM and collects the load. */
  static void afterStart() {
    if (defaulted(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      // min before max: the JVM rejects a maximum below the current minimum (40 by default)
      vm.setVMOption("MinHeapFreeRatio", MIN_FREE);
      vm.setVMOption("MaxHeapFreeRatio", MAX_FREE);
    }
    System.gc();
  }
}

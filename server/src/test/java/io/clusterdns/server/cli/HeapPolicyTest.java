package io.clusterdns.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which JVM option lists leave the heap to the server's lean policy. */
class HeapPolicyTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|true",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn|true",
      "-javaagent:agent.jar -ea|true",
      "-Xmx64m|false",
      "-Dx=1 -XX:+UseSerialGC|false",
      "-Xss512k|false",
  })
  void onlyOptionsWithoutAnyXFlagAreDefaulted(String options, boolean defaulted) {
    List<String> list = options.isEmpty() ? List.of() : List.of(options.split(" "));
    assertEquals(defaulted, HeapPolicy.defaulted(list), options);
  }

  /** Surefire starts this JVM with -D options only, so the policy applies to it. */
  @Test
  void theFreeRatiosOfADefaultedJvmAreSet() {
    assertEquals(true, HeapPolicy.defaulted(ManagementFactory.getRuntimeMXBean().getInputArguments()));
    HeapPolicy.setRatios();
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    assertEquals(HeapPolicy.MIN_FREE, vm.getVMOption("MinHeapFreeRatio").getValue());
    assertEquals(HeapPolicy.MAX_FREE, vm.getVMOption("MaxHeapFreeRatio").getValue());
  }
}

package io.clusterdns.server.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which JVM option lists leave the heap to the server's lean policy, and when it is applied. */
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

  /**
   * The load's ratios replace whatever was set, and what they replaced comes back; not when they
   * were changed meanwhile, nor when the ratios were looser already. This JVM runs G1, which
   * {@link HeapPolicy#whileLoading} leaves alone; the ratios are the same flags with any collector.
   */
  @Test
  void theRatiosOfALoadAreSetThenPutBack() {
    HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    String min = vm.getVMOption("MinHeapFreeRatio").getValue();
    String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
    try {
      vm.setVMOption("MinHeapFreeRatio", "10");
      vm.setVMOption("MaxHeapFreeRatio", "30");
      Runnable restore = HeapPolicy.loosen(vm);
      assertEquals(List.of(HeapPolicy.LOADING_MIN_FREE, HeapPolicy.LOADING_MAX_FREE), ratios(vm));
      restore.run();
      assertEquals(List.of("10", "30"), ratios(vm));

      Runnable overridden = HeapPolicy.loosen(vm);
      vm.setVMOption("MinHeapFreeRatio", "50");
      overridden.run();
      assertEquals(List.of("50", HeapPolicy.LOADING_MAX_FREE), ratios(vm), "changed meanwhile: kept");

      vm.setVMOption("MaxHeapFreeRatio", "90");
      vm.setVMOption("MinHeapFreeRatio", "80");
      HeapPolicy.loosen(vm).run();
      assertEquals(List.of("80", "90"), ratios(vm), "looser already: untouched");
    } finally {
      vm.setVMOption("MinHeapFreeRatio", "0");
      vm.setVMOption("MaxHeapFreeRatio", max);
      vm.setVMOption("MinHeapFreeRatio", min);
    }
  }

  private static List<String> ratios(HotSpotDiagnosticMXBean vm) {
    return List.of(vm.getVMOption("MinHeapFreeRatio").getValue(), vm.getVMOption("MaxHeapFreeRatio").getValue());
  }

  /**
   * The collection after start must not run on the thread that started the server, nor at once:
   * its full collections would pause the threads answering the first queries.
   */
  @Test
  void theWorkAfterStartWaitsOnADaemonThreadOfItsOwn() throws InterruptedException {
    Duration settle = Duration.ofMillis(300);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    long begin = System.nanoTime();
    AtomicReference<Long> ranAfter = new AtomicReference<>();
    Thread thread = HeapPolicy.later(settle, () -> {
      ranAfter.set(System.nanoTime() - begin);
      ranOn.set(Thread.currentThread());
    });
    assertNull(ranOn.get(), "the work ran before later() returned");
    assertTrue(thread.isDaemon(), "a daemon thread, so it never holds the JVM up");
    assertEquals("memory-trim", thread.getName());
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> ranOn.get() != null);
    assertEquals(thread, ranOn.get());
    assertTrue(ranAfter.get() >= settle.toNanos(), "ran " + ranAfter.get() + " ns after, before the settle time");
    thread.join(Duration.ofSeconds(10).toMillis());
  }
}

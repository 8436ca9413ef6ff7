package io.clusterdns.server.cli;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces this process's image with a new JVM through libc's {@code execve(2)}, which Java
 * cannot call by itself: JNA calls it. The process keeps its PID, its parent, its standard
 * streams and its signals, so whoever started it (a shell, systemd, a test) sees one process
 * that exits with the server's status. Called before the server opens any socket or starts any
 * thread of its own; what the JVM itself opened is closed by the exec, and what the process was
 * given (standard streams, any other inherited descriptor) is passed on as it was.
 */
final class SelfExec {
  /** The running JVM's own executable, whatever {@code argv[0]} and {@code PATH} say. */
  private static final String EXECUTABLE = "/proc/self/exe";
  private static final int F_SETFD = 2;
  private static final int FD_CLOEXEC = 1;
  /** Files a JVM opens at start besides its runtime and class path (the seed of SecureRandom). */
  private static final List<String> DEVICES = List.of("/dev/random", "/dev/urandom");

  private SelfExec() {}

  /**
   * Executes {@link #EXECUTABLE} with {@code argv} and {@code environment}, each string as the
   * bytes given. Returns only when that failed, with the reason.
   */
  static String exec(List<byte[]> argv, List<byte[]> environment) {
    // JNA looks for named libraries along paths that it asks `ldconfig -p` for, in a process of
    // its own, when it first loads; libc is in this process already and needs no name.
    if (System.getProperty("jna.platform.library.path") == null) {
      System.setProperty("jna.platform.library.path", "");
    }
    try {
      NativeLibrary process = NativeLibrary.getProcess();
      closeOnExec(process.getFunction("fcntl"));
      deletePerfData();
      int result = process.getFunction("execve")
          .invokeInt(new Object[] {EXECUTABLE, strings(argv), strings(environment)});
      return "execve returned " + result + ", errno " + Native.getLastError();
    } catch (LinkageError | RuntimeException e) {
      // JNA could not load its native part (no writable directory to unpack it to, another
      // architecture): the cause is in the message, and a stack trace would say no more.
      return "JNA: " + e;
    }
  }

  /**
   * Marks the descriptors this JVM opened for itself (its runtime's files, the jar, the random
   * devices) to be closed by the exec: the new JVM opens its own.
   */
  private static void closeOnExec(Function fcntl) {
    String[] descriptors = new File("/proc/self/fd").list();
    if (descriptors == null) {
      return;
    }
    List<Path> own = ownFiles();
    for (String descriptor : descriptors) {
      int fd = Integer.parseInt(descriptor);
      if (fd > 2 && opened(Path.of("/proc/self/fd", descriptor), own)) {
        fcntl.invokeInt(new Object[] {fd, F_SETFD, FD_CLOEXEC});
      }
    }
  }

  /** The runtime's directory, the class path's entries and the devices, as real paths. */
  private static List<Path> ownFiles() {
    List<String> files = new ArrayList<>(DEVICES);
    files.add(System.getProperty("java.home"));
    files.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    List<Path> own = new ArrayList<>();
    for (String file : files) {
      try {
        own.add(Path.of(file).toRealPath());
      } catch (IOException | RuntimeException missing) {
        // nothing open can be under it
      }
    }
    return own;
  }

  private static boolean opened(Path link, List<Path> own) {
    try {
      Path target = link.toRealPath();
      return own.stream().anyMatch(target::startsWith);
    } catch (IOException | RuntimeException notAFile) {
      // a socket, a pipe, or the listing's own descriptor, closed meanwhile: not ours to close
      return false;
    }
  }

  /**
   * The JVM's performance-data file, {@code /tmp/hsperfdata_USER/PID}, which it deletes when it
   * exits; an exec is no exit, and the new JVM runs without one ({@code -XX:-UsePerfData}).
   */
  private static void deletePerfData() {
    try {
      Files.deleteIfExists(Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"),
          Long.toString(ProcessHandle.current().pid())));
    } catch (IOException | RuntimeException cannot) {
      // not ours, or not there: `jps` may list a stale entry for this PID, nothing more
    }
  }

  /** {@code char *[]}: JNA passes a {@code Pointer[]} as a NULL-terminated array. */
  private static Pointer[] strings(List<byte[]> values) {
    Pointer[] out = new Pointer[values.size()];
    for (int i = 0; i < out.length; i++) {
      byte[] value = values.get(i);
      Memory memory = new Memory(value.length + 1L);
      memory.write(0, value, 0, value.length);
      memory.setByte(value.length, (byte) 0);
      out[i] = memory;
    }
    return out;
  }
}

package io.clusterdns.plugin.loadbalance;

import io.clusterdns.plugin.PeriodicReload;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * CoreDNS's {@code weighted} policy: for A, AAAA and SRV questions, one address of the answer and
 * of the additional section, drawn with the weights of the weight file, moves to the top; the
 * others keep their order. The file is read at start and again every {@code reload} interval
 * when its content changed; a file that cannot be read or parsed on reload keeps the last weights.
 */
final class WeightedRoundRobin implements Order {
  private static final Logger LOG = LoggerFactory.getLogger(WeightedRoundRobin.class);
  private static final int[] SECTIONS = {Section.ANSWER, Section.ADDITIONAL};

  private final WeightFile file;
  private final Duration reload;
  private final PeriodicReload reloads;
  private volatile Weights weights = Weights.NONE;

  WeightedRoundRobin(WeightFile file, Duration reload, Supplier<ScheduledExecutorService> schedulers) {
    this.file = file;
    this.reload = reload;
    this.reloads = new PeriodicReload(schedulers);
  }

  /**
   * Reads the file; a missing file is an error unless a reload will look again, as in CoreDNS.
   * A file that does not parse is always an error.
   */
  @Override
  public void start() throws IOException {
    try {
      refreshOrThrow();
    } catch (NoSuchFileException e) {
      if (reload.isZero()) {
        throw new IOException("plugin/loadbalance: weight file " + file.path() + " does not exist", e);
      }
      LOG.warn("plugin/loadbalance: weight file {} does not exist; trying again in {}", file.path(), reload);
    }
    reloads.every(reload, this::refresh);
  }

  @Override
  public void close() {
    reloads.close();
  }

  /** Reads the file again if it changed; on failure keeps the weights it has. */
  void refresh() {
    try {
      refreshOrThrow();
    } catch (IOException e) {
      LOG.warn("plugin/loadbalance: keeping the last weights: {}", e.getMessage());
    }
  }

  private void refreshOrThrow() throws IOException {
    Weights read = file.readIfChanged();
    if (read != null) {
      weights = read;
    }
  }

  @Override
  public void reorder(Message reply, int qtype, RandomGenerator random) {
    if (qtype != Type.A && qtype != Type.AAAA && qtype != Type.SRV) {
      return;
    }
    Weights current = weights;
    for (int section : SECTIONS) {
      List<Record> records = reply.getSection(section);
      TypeGroups groups = new TypeGroups(records);
      if (groups.addressCount == 0) {
        continue;
      }
      if (groups.addressCount > 1) {
        int top = draw(groups, current, random);
        Record swap = groups.records[groups.addressStart];
        groups.records[groups.addressStart] = groups.records[top];
        groups.records[top] = swap;
      }
      Order.replace(reply, section, records, groups);
    }
  }

  /** The index of the address drawn with probability weight / sum of the weights. */
  private static int draw(TypeGroups groups, Weights weights, RandomGenerator random) {
    int[] weight = new int[groups.addressCount];
    int sum = 0;
    for (int i = 0; i < weight.length; i++) {
      Record record = groups.records[groups.addressStart + i];
      weight[i] = weights.of(record.getName().toString().toLowerCase(Locale.ROOT), address(record));
      sum += weight[i];
    }
    int ticket = random.nextInt(sum);
    for (int i = 0; i < weight.length; i++) {
      ticket -= weight[i];
      if (ticket < 0) {
        return groups.addressStart + i;
      }
    }
    throw new IllegalStateException("no address drawn");
  }

  private static byte[] address(Record record) {
    return record instanceof ARecord a ? a.getAddress().getAddress() : ((AAAARecord) record).getAddress().getAddress();
  }
}

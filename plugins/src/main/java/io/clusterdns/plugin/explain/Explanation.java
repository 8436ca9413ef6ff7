package io.clusterdns.plugin.explain;

import io.clusterdns.config.ResolvConf;
import io.clusterdns.plugin.MessageText;
import io.clusterdns.resolver.Exchange;
import io.clusterdns.resolver.Resolution;
import io.clusterdns.resolver.ResolverBehaviour;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Message;

/**
 * What explain found: every query the client's resolver sent, in order, with the server's reply
 * and what the plugins said about it, and how the lookup ended.
 *
 * @param client who asked, in words ("a Pod in namespace shop", "the Pod at 10.244.1.5 (shop)")
 * @param resolvConf the client's resolv.conf as the kubelet writes it
 */
public record Explanation(
    String name, int type, ResolverBehaviour behaviour, String client, ResolvConf resolvConf, List<Step> steps,
    Resolution resolution) {

  public Explanation {
    steps = List.copyOf(steps);
  }

  /**
   * One query of the lookup.
   *
   * @param reply the reply as the server gave it, empty when none came
   * @param reasons what the plugins of the block that took the query said, in chain order
   */
  public record Step(Exchange exchange, Optional<Message> reply, List<Reason> reasons) {
    public Step {
      reasons = List.copyOf(reasons);
    }

    /** The record's fields, the reply as dig shows it: dnsjava's own text throws on some records. */
    @Override
    public String toString() {
      return "Step[exchange=" + exchange + ", reply=" + reply.map(r -> "\n" + MessageText.of(r)).orElse("none")
          + ", reasons=" + reasons + "]";
    }
  }

  /** One sentence of one plugin ({@code server} for the server's own routing). */
  public record Reason(String plugin, String text) {
    @Override
    public String toString() {
      return plugin + ": " + text;
    }
  }

  /** Whether the lookup ended with an answer. */
  public boolean resolved() {
    return resolution.outcome() == Resolution.Outcome.ANSWER;
  }

  /** Every reason of every step, in order. */
  public List<Reason> reasons() {
    return steps.stream().flatMap(step -> step.reasons().stream()).toList();
  }

  /** The report as text, one query after the other (see {@link ExplanationText}). */
  public String text() {
    return ExplanationText.of(this);
  }
}

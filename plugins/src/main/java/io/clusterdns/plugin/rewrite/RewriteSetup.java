package io.clusterdns.plugin.rewrite;

import io.clusterdns.config.CorefileException;
import io.clusterdns.config.Directive;
import io.clusterdns.config.Token;
import io.clusterdns.plugin.Directives;
import io.clusterdns.plugin.Handler;
import io.clusterdns.plugin.PluginSetup;
import io.clusterdns.plugin.SetupContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rewrite [continue|stop] FIELD …} or {@code rewrite [continue|stop] { FIELD … }}, as often
 * as needed: the rules of every line form one list, tried in Corefile order.
 */
public final class RewriteSetup implements PluginSetup {
  private static final String USAGE = "rewrite [continue|stop] FIELD [TYPE] FROM TO [OPTIONS], or a block of rules";

  @Override
  public String name() {
    return "rewrite";
  }

  @Override
  public boolean repeatable() {
    return true;
  }

  @Override
  public Handler setup(Directive directive, SetupContext context) throws CorefileException {
    return new RewriteHandler(parse(List.of(directive)));
  }

  /** Every line's rules go to one handler, so that {@code stop} ends the whole list. */
  @Override
  public List<Handler> setupAll(List<Directive> occurrences, SetupContext context) throws CorefileException {
    return List.of(new RewriteHandler(parse(occurrences)));
  }

  static RewriteOptions parse(List<Directive> directives) throws CorefileException {
    List<Rule> rules = new ArrayList<>();
    for (Directive directive : directives) {
      List<Token> args = directive.args();
      boolean stop = true;
      int first = 0;
      if (!args.isEmpty() && (args.get(0).text().equals("continue") || args.get(0).text().equals("stop"))) {
        stop = args.get(0).text().equals("stop");
        first = 1;
      }
      List<Token> rule = args.subList(first, args.size());
      if (!directive.hasBlock()) {
        if (rule.isEmpty()) {
          Token last = first == 0 ? directive.name() : args.get(0);
          throw new CorefileException(last, "rewrite: missing rule, expected " + USAGE);
        }
        rules.add(RuleParser.parse(rule, stop));
      } else if (!rule.isEmpty()) {
        throw new CorefileException(rule.get(0),
            "rewrite: a rule on the rewrite line cannot have a block; put every rule in the block");
      } else {
        rules.addAll(blockRules(directive, stop));
      }
    }
    return new RewriteOptions(rules);
  }

  /**
   * One rule per line of the block; a line starting with {@code answer} goes on with the name
   * rule above it, as CoreDNS writes {@code name regex …} and {@code answer name …} on two lines.
   */
  private static List<Rule> blockRules(Directive directive, boolean stop) throws CorefileException {
    if (directive.block().isEmpty()) {
      throw new CorefileException(directive.name(), "rewrite: empty block, expected rules such as name suffix FROM TO");
    }
    List<Rule> rules = new ArrayList<>();
    List<Token> words = null;
    for (Directive line : directive.block()) {
      Directives.noBlock(line);
      if (line.nameText().equals("answer")) {
        if (words == null) {
          throw new CorefileException(line.name(), "rewrite: answer must follow a name rule");
        }
      } else {
        if (words != null) {
          rules.add(RuleParser.parse(words, stop));
        }
        words = new ArrayList<>();
      }
      words.add(line.name());
      words.addAll(line.args());
    }
    rules.add(RuleParser.parse(words, stop));
    return rules;
  }
}

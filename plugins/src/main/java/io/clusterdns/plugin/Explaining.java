package io.clusterdns.plugin;

import java.util.List;

/**
 * Optional interface of a handler that can say why it answers a question as it does: no such
 * Service, a namespace left out by a filter, a rule that rewrote the name. Asked only by explain
 * (the {@code explain} plugin, the command line, the testing module), never on the query path,
 * so it may look at its whole state and allocate freely.
 */
public interface Explaining {
  /**
   * Plain sentences, each without the plugin's name (the caller adds it), about what this
   * handler does with {@code request} now; empty when it only passes the request on or has
   * nothing to say. Must not change any state and must not send a query.
   */
  List<String> explain(Request request);

  /**
   * The request this handler hands to the plugins after it: another question for a handler that
   * changes it (rewrite), so that they are asked about the name they would really see.
   */
  default Request passedOn(Request request) {
    return request;
  }
}

package io.clusterdns.plugin;

import org.xbill.DNS.Message;

/** The rest of the plugin chain after the current plugin. */
@FunctionalInterface
public interface Chain {
  /**
   * Hands the request to the next plugin. Past the last plugin the answer is SERVFAIL, as
   * CoreDNS answers when a plugin passes on a query that nothing after it handles.
   */
  Message next(Request request) throws Exception;
}

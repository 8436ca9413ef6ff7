package io.clusterdns.plugin;

import org.xbill.DNS.Message;

/** The rest of the plugin chain after the current plugin. */
@FunctionalInterface
public interface Chain {
  /**
   * Hands the request to the next plugin. At the end of the chain the answer is REFUSED with
   * no records, as CoreDNS does when no plugin handles a query.
   */
  Message next(Request request) throws Exception;
}

package io.clusterdns.plugin.bind;

import io.clusterdns.plugin.ListenAddresses;
import io.clusterdns.plugin.PassThrough;
import java.net.InetAddress;
import java.util.List;

/** Tells the server which addresses its block listens on; queries pass straight on. */
final class BindHandler implements PassThrough, ListenAddresses {
  private final BindOptions options;

  BindHandler(BindOptions options) {
    this.options = options;
  }

  @Override
  public List<InetAddress> listenAddresses() {
    return options.addresses();
  }
}

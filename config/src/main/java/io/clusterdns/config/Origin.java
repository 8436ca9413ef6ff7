package io.clusterdns.config;

import java.nio.file.Path;

/**
 * Where a word came from: the directory its file lives in (relative imports resolve against it)
 * and the chain of imports that pasted it here (to detect cycles).
 */
record Origin(Path directory, ImportChain chain) {}

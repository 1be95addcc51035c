package dev.genlab.cli;

import dev.genlab.runtime.run.Provenance;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"genlab " + Provenance.genlabVersion(), "Java " + System.getProperty("java.version")};
    }
}

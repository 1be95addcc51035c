package dev.genlab.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.spi.Data;
import dev.genlab.spi.Plugin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract's run of a plugin from its jar in genlab's own class loader, as a plugin author's build meets it:
 * a dependency used but not shipped fails naming the class and how to ship it; shipped beside the jar, it passes.
 */
class TestRunFromJar {
    @TempDir
    Path work;

    private String bundled;

    @BeforeEach
    void asAnAuthorsBuild() {
        // genlab's own build marks its plugins as bundled; an author's build does not
        bundled = System.clearProperty(PluginContract.BUNDLED);
    }

    @AfterEach
    void restore() {
        if (bundled != null) {
            System.setProperty(PluginContract.BUNDLED, bundled);
        }
    }

    /** The thin model's contract, shipping {@code jars} beside its own. */
    private static final class Contract extends ModelPluginContract {
        private final List<Path> jars;

        Contract(List<Path> jars) {
            this.jars = jars;
        }

        @Override
        protected Plugin plugin() {
            return new ThinModelPlugin();
        }

        @Override
        protected Data trainingData() {
            return TestData.mixed(40, 1);
        }

        @Override
        protected List<Path> shippedJars() {
            return jars;
        }
    }

    @Test
    void aDependencyUsedButNotShippedFailsNamingTheClassAndHowToShipIt() {
        AssertionError e = assertThrows(AssertionError.class, () -> new Contract(List.of()).runFromJar(work));
        String origin = work.resolve("plugins/thin-model/thin-model.jar").toString();
        assertTrue(e.getMessage().startsWith("model plugin 'thin-model' from " + origin + " failed in the contract's run from its jar:"
                + " class com.typesafe.config.ConfigFactory is missing: the plugin's jar does not contain it"), e.getMessage());
        assertTrue(e.getMessage().contains("build one fat (shaded) jar, or put the plugin's jar and its dependency jars together in a"
                + " sub-directory of the plugin directory"), e.getMessage());
    }

    @Test
    void shippedBesideItsJarTheDependencyIsFound() throws Exception {
        Path config = PluginPackaging.locationOf(com.typesafe.config.ConfigFactory.class);
        new Contract(List.of(config)).runFromJar(work);
        assertEquals("1", PluginPackaging.recordedSpiVersion(PluginPackaging.locationOf(ThinModelPlugin.class)));
    }
}

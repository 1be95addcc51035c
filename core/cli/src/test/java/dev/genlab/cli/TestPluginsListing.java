package dev.genlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.runtime.Genlab;
import dev.genlab.runtime.plugin.PluginDescriptor;
import dev.genlab.runtime.plugin.PluginKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code genlab plugins}: one line per plugin grouped by kind and fitted to the terminal; {@code genlab plugins NAME} in full. */
class TestPluginsListing {
    static List<PluginDescriptor> installed() {
        Genlab genlab = Genlab.discover(List.of());
        List<PluginDescriptor> all = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            all.addAll(genlab.registry().all(kind));
        }
        return all;
    }

    @Test
    void overviewGroupsByTheKindsTheSpiDeclaresOneLinePerPluginWithinTheWidth() {
        List<PluginDescriptor> all = installed();
        String text = PluginsCommand.overview(all, 80, Style.forStream(System.out, true));
        List<String> lines = text.lines().toList();
        lines.forEach(l -> assertTrue(l.length() <= 80, "wider than 80 columns: " + l));
        // each kind's heading, in the SPI's order, with its count; then one row per plugin of that kind
        int at = 0;
        for (PluginKind kind : PluginKind.values()) {
            List<PluginDescriptor> ofKind = all.stream().filter(d -> d.kind() == kind).toList();
            at = lines.indexOf(kind.label() + "s (" + ofKind.size() + ")");
            assertTrue(at >= 0, "no heading for " + kind + " in\n" + text);
            assertTrue(lines.get(at + 1).matches("  name +data +description"), lines.get(at + 1));
            for (int i = 0; i < ofKind.size(); i++) {
                assertTrue(lines.get(at + 3 + i).startsWith("  " + ofKind.get(i).name() + " "), lines.get(at + 3 + i));
            }
        }
        String ctgan = lines.stream().filter(l -> l.startsWith("  ctgan ")).findFirst().orElseThrow();
        assertTrue(ctgan.matches("  ctgan +tabular +CTGAN \\(Xu et al\\. 2019\\): conditional tabular GAN.*…"), ctgan);
        // piped (no width): nothing is cut
        String whole = PluginsCommand.overview(all, 0, Style.forStream(System.out, true));
        assertFalse(whole.contains("…"), whole);
    }

    @Test
    void firstSentenceKeepsAbbreviations() {
        assertEquals("CTGAN (Xu et al. 2019): a GAN", PluginsCommand.firstSentence("CTGAN (Xu et al. 2019): a GAN. Second sentence."));
        assertEquals("Text (e.g. ABC) as documents", PluginsCommand.firstSentence("Text (e.g. ABC) as documents. More"));
        assertEquals("No full stop", PluginsCommand.firstSentence("No full stop"));
    }

    @Test
    void namedPluginListsEveryKeyWithTypeDefaultDescriptionAndChoicesWrappedToTheWidth() {
        TestCli.Result r = TestCli.genlab("plugins", "gan");
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("model gan  [tabular]  MLP generative adversarial network"), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.matches("  key +type +default +description")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  epochs +integer +300 +Passes over the training data.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  generator-dims +list of integers +\\[256,256\\] +Hidden layer widths.*")), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  loss +choice +\"wgan-gp\" +Adversarial objective.*\\(one of: standard, wgan-gp\\)")), r.out());
        assertTrue(r.out().contains("Use it in an experiment file as model { type = gan, device = \"auto\" }."), r.out());

        PluginDescriptor gan = installed().stream().filter(d -> d.name().equals("gan")).findFirst().orElseThrow();
        String narrow = PluginsCommand.details(gan, 90);
        // the settings fit (the first lines, description and jar path, are whole: people copy them)
        narrow.lines().skip(2).forEach(l -> assertTrue(l.length() <= 90, "wider than 90 columns: " + l));
        // the description wraps under its column; no word of it is lost
        String loss = PluginsCommand.settings(gan).stream().filter(s -> s.key().equals("loss")).findFirst().orElseThrow().description();
        String joined = String.join(" ", narrow.lines().map(String::strip).toList());
        assertTrue(narrow.lines().anyMatch(l -> l.startsWith("  loss ") && l.length() > 80), narrow);
        assertTrue(joined.contains(loss + " (one of: standard, wgan-gp)"), narrow);
    }

    @Test
    void unknownNameIsAUserErrorWithDidYouMean() {
        TestCli.Result r = TestCli.genlab("plugins", "ctgna");
        assertEquals(Main.USER_ERROR, r.exitCode(), r.out());
        assertTrue(r.err().contains("error: no plugin named 'ctgna'; did you mean 'ctgan'?"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}

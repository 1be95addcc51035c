package dev.genlab.plugin.deeptabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genlab.dp.DomainFromData;
import dev.genlab.plugin.djl.tabular.TabularTransformer;
import dev.genlab.spi.DataProblems;
import dev.genlab.spi.GenerativeModel;
import dev.genlab.spi.PublicDomain;
import dev.genlab.spi.Table;
import dev.genlab.testkit.TestContexts;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dp-tvae's encoding comes from the dataset's public domain, never from the private rows; fitting it on the rows takes
 * {@code domain-from-data = true}, which the run records as mst does; a dataset without a domain is refused first.
 */
class TestDpTvaePublicDomain {
    static final Optional<PublicDomain> DOMAIN = Optional.of(SmallTables.mixedDomain());

    @TempDir
    Path work;

    static byte[] bytes(TabularTransformer t) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            t.write(out);
        }
        return b.toByteArray();
    }

    private TestContexts.RecordingContext context(String name, Optional<PublicDomain> domain) throws IOException {
        return TestContexts.training(1, Files.createDirectories(work.resolve(name)), domain);
    }

    /** Two fits on different private tables (other rows, another count) keep the same encoding, byte for byte. */
    @Test
    void theFittedEncodingIsTheSameWhateverThePrivateRows() throws Exception {
        Table a = SmallTables.mixed(300, 3);
        Table b = SmallTables.mixed(150, 99);
        assertNotEquals(a, b);
        FittedDeepModel fa = (FittedDeepModel) TestDpTvae.model("epochs = 1").fit(a, context("a", DOMAIN));
        FittedDeepModel fb = (FittedDeepModel) TestDpTvae.model("epochs = 1").fit(b, context("b", DOMAIN));
        assertTrue(fa.transformer.isFromDomain());
        assertArrayEquals(bytes(fa.transformer), bytes(fb.transformer));
        // bimodal: offset + 20 bins; age: offset + 20 bins + (present, missing); colour: 3 + missing; sex: 2;
        // constant [7, 7]: nothing; empty: offset + 20 bins + (present, missing)
        assertEquals(21 + 23 + 4 + 2 + 0 + 23, fa.transformer.width());
        // the data-fitted encoding differs between the two tables: what the public one avoids
        FittedDeepModel da = (FittedDeepModel) TestDpTvae.model("epochs = 1, domain-from-data = true").fit(a, context("da", DOMAIN));
        FittedDeepModel db = (FittedDeepModel) TestDpTvae.model("epochs = 1, domain-from-data = true").fit(b, context("db", DOMAIN));
        assertFalse(da.transformer.isFromDomain());
        assertFalse(java.util.Arrays.equals(bytes(da.transformer), bytes(db.transformer)));
    }

    @Test
    void aDefaultRunRecordsNoDomainFromDataAndSamplesInsideTheDomain() throws Exception {
        TestContexts.RecordingContext context = context("default", DOMAIN);
        Table sample = TestDpTvae.model("").fit(SmallTables.mixed(300, 3), context).sample(500, 2).asTable();
        assertFalse(context.results().containsKey(DomainFromData.RESULT), context.results().toString());
        assertEquals(List.of(), context.warnings());
        assertEquals(List.of(), DOMAIN.get().violations(sample, 10));
        assertTrue(context.history("privacy.epsilon-spent").get(0) <= 2.0);
    }

    @Test
    void domainFromDataIsRecordedAsMstRecordsIt() throws Exception {
        TestContexts.RecordingContext context = context("from-data", Optional.empty());
        TestDpTvae.model("domain-from-data = true").fit(SmallTables.mixed(300, 3), context);
        assertEquals(6.0, context.results().get("privacy.domain-from-data"));
        assertEquals(List.of("dp-tvae read the bounds or categories of 6 column(s) from the private training data (model.domain-from-data = true): "
                + "bimodal, age, colour, sex, constant, empty; the differential privacy guarantee does not cover them"), context.warnings());
        assertTrue(context.history("privacy.epsilon-spent").get(0) <= 2.0);
    }

    @Test
    void aMissingDomainIsRefusedBeforeTrainingNamingTheSetting() throws Exception {
        GenerativeModel model = TestDpTvae.model("");
        List<String> found = new ArrayList<>();
        DataProblems problems = new DataProblems() {
            @Override
            public void setting(String key, String message) {
                found.add("model." + key + ": " + message);
            }

            @Override
            public void dataset(String key, String message) {
                found.add("dataset." + key + ": " + message);
            }
        };
        Table train = SmallTables.mixed(50, 1);
        model.check(train, Optional.empty(), problems);
        assertEquals(List.of("dataset.type: dp-tvae takes every bound and category from the dataset's public domain, and this dataset declares none; "
                + "use a dataset that declares one (adult, heart-disease, breast-cancer, diabetes), or set model.domain-from-data = true "
                + "to read them from the private data (not covered by the privacy guarantee)"), found);
        found.clear();
        model.check(train, Optional.of(SmallTables.mixedDomain().without(List.of("sex"))), problems);
        assertEquals(List.of("dataset.type: dp-tvae needs the public domain of every column, and the dataset declares none for 'sex'; "
                + "declared: bimodal, age, colour, constant, empty (or set model.domain-from-data = true to read the rest from the private data)"), found);
        found.clear();
        model.check(train, DOMAIN, problems);
        TestDpTvae.model("domain-from-data = true").check(train, Optional.empty(), problems);
        assertEquals(List.of(), found);
        // a direct fit without a domain is refused too, before any training
        TestContexts.RecordingContext context = context("none", Optional.empty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.fit(train, context));
        assertEquals(DomainFromData.noDomain("dp-tvae"), e.getMessage());
        assertEquals(List.of(), context.history("loss.total"));
    }
}

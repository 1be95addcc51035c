package dev.genlab.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSchemaCodec {
    private static final Schema SCHEMA = Schema.of(Column.numeric("age"), Column.integer("hours"), Column.categorical("sex", List.of("F", "M")),
            Column.categorical("income", List.of("low", "high"))).withTarget("income").withSensitive(List.of("sex"));

    @Test
    void aSchemaWithItsRolesAndImageShapeRoundTrips() throws IOException {
        assertEquals(SCHEMA, roundTrip(SCHEMA));
        Schema image = Schema.of(Column.numeric("p0"), Column.numeric("p1")).withImageShape(new ImageShape(1, 2, 1));
        assertEquals(image, roundTrip(image));
    }

    @Test
    void aTableWithMissingValuesRoundTrips() throws IOException {
        Table table = Table.of(SCHEMA, List.of(new double[] {30.5, Double.NaN}, new double[] {40, 38}, new int[] {0, Table.MISSING_CODE}, new int[] {1, 0}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SchemaCodec.writeTable(table, new DataOutputStream(bytes));
        assertEquals(table, SchemaCodec.readTable(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    }

    @Test
    void aTruncatedOrCorruptFileIsAnIoExceptionSayingWhat() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SchemaCodec.write(SCHEMA, new DataOutputStream(bytes));
        byte[] all = bytes.toByteArray();
        assertThrows(EOFException.class, () -> SchemaCodec.read(new DataInputStream(new ByteArrayInputStream(Arrays.copyOf(all, all.length - 3)))));
        byte[] negative = all.clone();
        negative[0] = (byte) 0xff;
        IOException e = assertThrows(IOException.class, () -> SchemaCodec.read(new DataInputStream(new ByteArrayInputStream(negative))));
        assertEquals("corrupt schema: " + new DataInputStream(new ByteArrayInputStream(negative)).readInt() + " columns", e.getMessage());
    }

    private static Schema roundTrip(Schema schema) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SchemaCodec.write(schema, new DataOutputStream(bytes));
        return SchemaCodec.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }
}

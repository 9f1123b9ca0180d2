package io.tidings.campaigns.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientCsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAreNeutralised() {
        assertThat(RecipientCsv.cell("=1+2")).isEqualTo("'=1+2");
        assertThat(RecipientCsv.cell("+33 1 23")).isEqualTo("'+33 1 23");
        assertThat(RecipientCsv.cell("-2")).isEqualTo("'-2");
        assertThat(RecipientCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RecipientCsv.cell("\tx")).isEqualTo("'\tx");
        assertThat(RecipientCsv.cell("Anna")).isEqualTo("Anna");
        assertThat(RecipientCsv.cell(null)).isEmpty();
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(RecipientCsv.cell("Smith, Jr")).isEqualTo("\"Smith, Jr\"");
        assertThat(RecipientCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(RecipientCsv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(RecipientCsv.cell("=a,b")).isEqualTo("\"'=a,b\"");
    }
}

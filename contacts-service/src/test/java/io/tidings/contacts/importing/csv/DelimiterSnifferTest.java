package io.tidings.contacts.importing.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DelimiterSnifferTest {

    @Test
    void headerDecidesWhenRecordsAreSqueezedIntoOneCell() {
        String sample = "email,first_name,last_name\n"
                + "a@example.com;Anna;Schmidt,,\n"
                + "b@example.com,Ben,Berg\n";
        assertThat(DelimiterSniffer.detect(sample, true)).isEqualTo(',');
    }

    @Test
    void prefersTheDelimiterThatIsConsistentAcrossRecords() {
        String sample = "email;name;note\r\n"
                + "a@example.com;\"Schmidt, Anna\";x\r\n"
                + "b@example.com;Berg;y, z\r\n";
        assertThat(DelimiterSniffer.detect(sample, true)).isEqualTo(';');
    }

    @Test
    void findsTabsAndPipes() {
        assertThat(DelimiterSniffer.detect("email\tname\na@example.com\tAnna\n", true)).isEqualTo('\t');
        assertThat(DelimiterSniffer.detect("email|name\na@example.com|Anna\n", true)).isEqualTo('|');
    }

    @Test
    void ignoresTheCutLastRecordOfAPartialSample() {
        String sample = "email;name\na@example.com;Anna\nb@exa,mple";
        assertThat(DelimiterSniffer.detect(sample, false)).isEqualTo(';');
    }

    @Test
    void singleColumnFileFallsBackToComma() {
        assertThat(DelimiterSniffer.detect("email\na@example.com\n", true)).isEqualTo(',');
    }
}

package io.tidings.contacts.importing.csv;

/**
 * Picks the delimiter among {@code , ; TAB |} from a sample of the file: the candidate that appears in the
 * header and occurs the same number of times (outside quotes) on the most sample records. A record squeezed
 * into one cell ({@code anna@example.com;Anna;Schmidt,,}) does not fool it, because the header decides.
 */
public final class DelimiterSniffer {
    static final char[] CANDIDATES = {',', ';', '\t', '|'};
    private static final int MAX_RECORDS = 200;

    private DelimiterSniffer() {
    }

    /** @param complete whether the sample is the whole file (else its last, possibly cut, record is ignored) */
    public static char detect(String sample, boolean complete) {
        int[][] counts = count(sample, complete);
        int records = counts.length;
        char best = ',';
        double bestScore = -1;
        int bestHeader = 0;
        for (int c = 0; c < CANDIDATES.length; c++) {
            int header = records > 0 ? counts[0][c] : 0;
            if (header == 0) {
                continue;
            }
            int consistent = 0;
            for (int r = 1; r < records; r++) {
                if (counts[r][c] == header) {
                    consistent++;
                }
            }
            double score = records > 1 ? (double) consistent / (records - 1) : 1.0;
            if (score > bestScore || (score == bestScore && header > bestHeader)) {
                best = CANDIDATES[c];
                bestScore = score;
                bestHeader = header;
            }
        }
        return best;
    }

    private static int[][] count(String sample, boolean complete) {
        int[][] counts = new int[MAX_RECORDS][CANDIDATES.length];
        int record = 0;
        boolean inQuotes = false;
        boolean recordHasText = false;
        for (int i = 0; i < sample.length() && record < MAX_RECORDS; i++) {
            char ch = sample.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (ch == '\n' || ch == '\r')) {
                if (recordHasText) {
                    record++;
                    recordHasText = false;
                }
                continue;
            } else if (!inQuotes) {
                for (int c = 0; c < CANDIDATES.length; c++) {
                    if (ch == CANDIDATES[c]) {
                        counts[record][c]++;
                    }
                }
            }
            recordHasText = true;
        }
        int whole = complete && recordHasText && record < MAX_RECORDS ? record + 1 : record;
        int[][] result = new int[Math.max(whole, Math.min(1, record + 1))][];
        System.arraycopy(counts, 0, result, 0, result.length);
        return result;
    }
}

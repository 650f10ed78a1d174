package io.tempo.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void constantTimeEqualsAcceptsOnlyTheSameSecret() {
        assertTrue(Secrets.constantTimeEquals("s3cret", "s3cret"));
        assertFalse(Secrets.constantTimeEquals("s3cret", "s3creT"));
        assertFalse(Secrets.constantTimeEquals("s3cre", "s3cret"));
        assertFalse(Secrets.constantTimeEquals(null, "s3cret"));
        assertFalse(Secrets.constantTimeEquals("s3cret", null));
    }

    @Test
    void fingerprintIsStableAndDoesNotContainTheSecret() {
        String fp = Secrets.fingerprint("AQDsp_dc-cookie");
        assertEquals(fp, Secrets.fingerprint("AQDsp_dc-cookie"));
        assertNotEquals(fp, Secrets.fingerprint("AQDsp_dc-cookiE"));
        assertEquals(64, fp.length());
        assertFalse(fp.contains("sp_dc"));
    }
}

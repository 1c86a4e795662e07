#include "messaging/FormBody.h"
#include "messaging/WebhookSignatures.h"

#include <QMessageAuthenticationCode>
#include <QTest>

using namespace shopdesk;

// Known-answer vectors from ../shared/PROTOCOLS.md (Meta's HMAC and Twilio's documented example).
class TestWebhookSignatures : public QObject
{
    Q_OBJECT

    const FormBody::Fields kTwilioParams{
        {QStringLiteral("CallSid"), QStringLiteral("CA1234567890ABCDE")},
        {QStringLiteral("Caller"), QStringLiteral("+14158675309")},
        {QStringLiteral("Digits"), QStringLiteral("1234")},
        {QStringLiteral("From"), QStringLiteral("+14158675309")},
        {QStringLiteral("To"), QStringLiteral("+18005551212")}};

private Q_SLOTS:
    void hmacKnownAnswer()
    {
        QCOMPARE(WebhookSignatures::hmacSha256Hex("secret", "test"),
                 QByteArray("0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914"));
    }

    void metaSignatureOnRawBytes()
    {
        // Meta signs the bytes it sends, escapes included; the re-serialized text differs.
        const QByteArray raw = R"({"object":"whatsapp_business_account","x":"\u00e9"})";
        const QByteArray header = WebhookSignatures::metaHeader(raw, "appsecret");
        QVERIFY(header.startsWith("sha256="));
        QVERIFY(WebhookSignatures::metaValid(raw, header, "appsecret"));
        QVERIFY(WebhookSignatures::metaValid(raw, header.toUpper().replace("SHA256=", "sha256="),
                                             "appsecret"));
        QVERIFY(!WebhookSignatures::metaValid(R"({"object":"whatsapp_business_account","x":"é"})",
                                              header, "appsecret"));
        QVERIFY(!WebhookSignatures::metaValid(raw, header, "othersecret"));
        QVERIFY(!WebhookSignatures::metaValid(raw, header.mid(7), "appsecret")); // no prefix
        QVERIFY(!WebhookSignatures::metaValid(raw, "sha256=", "appsecret"));
        QVERIFY(!WebhookSignatures::metaValid(raw, header, "")); // no secret configured
    }

    void twilioKnownAnswer()
    {
        QCOMPARE(WebhookSignatures::twilioSignature(
                     QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2"), kTwilioParams,
                     "12345"),
                 QByteArray("RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    void twilioParameterOrderDoesNotMatter()
    {
        FormBody::Fields shuffled = kTwilioParams;
        std::reverse(shuffled.begin(), shuffled.end());
        QVERIFY(WebhookSignatures::twilioValid(
            QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2"), shuffled,
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "12345"));
    }

    void twilioDefaultPortAddedOrRemoved()
    {
        const QByteArray withoutPort = WebhookSignatures::twilioSignature(
            QStringLiteral("https://example.com/hook?x=1"), kTwilioParams, "12345");
        QVERIFY(WebhookSignatures::twilioValid(QStringLiteral("https://example.com:443/hook?x=1"),
                                               kTwilioParams, withoutPort, "12345"));
        const QByteArray withPort = WebhookSignatures::twilioSignature(
            QStringLiteral("https://example.com:443/hook?x=1"), kTwilioParams, "12345");
        QVERIFY(WebhookSignatures::twilioValid(QStringLiteral("https://example.com/hook?x=1"),
                                               kTwilioParams, withPort, "12345"));
        // A different port is a different URL.
        const QByteArray otherPort = WebhookSignatures::twilioSignature(
            QStringLiteral("https://example.com:8443/hook?x=1"), kTwilioParams, "12345");
        QVERIFY(!WebhookSignatures::twilioValid(QStringLiteral("https://example.com/hook?x=1"),
                                                kTwilioParams, otherPort, "12345"));
    }

    void twilioRepeatedParameters()
    {
        // Each value of a repeated name counts, sorted: MediaUrl=b then MediaUrl=a sign as a, b.
        const FormBody::Fields one{{QStringLiteral("MediaUrl"), QStringLiteral("b")},
                                   {QStringLiteral("MediaUrl"), QStringLiteral("a")}};
        const FormBody::Fields two{{QStringLiteral("MediaUrl"), QStringLiteral("a")},
                                   {QStringLiteral("MediaUrl"), QStringLiteral("b")}};
        const QString url = QStringLiteral("https://example.com/hook");
        QCOMPARE(WebhookSignatures::twilioSignature(url, one, "t"),
                 WebhookSignatures::twilioSignature(url, two, "t"));
        const QByteArray expected =
            QMessageAuthenticationCode::hash("https://example.com/hookMediaUrlaMediaUrlb", "t",
                                             QCryptographicHash::Sha1)
                .toBase64();
        QCOMPARE(WebhookSignatures::twilioSignature(url, one, "t"), expected);
        const FormBody::Fields dropped{{QStringLiteral("MediaUrl"), QStringLiteral("a")}};
        QVERIFY(!WebhookSignatures::twilioValid(url, dropped, expected, "t"));
    }

    void twilioTamperedBodyFails()
    {
        FormBody::Fields tampered = kTwilioParams;
        tampered[2].second = QStringLiteral("9999");
        QVERIFY(!WebhookSignatures::twilioValid(
            QStringLiteral("https://mycompany.com/myapp.php?foo=1&bar=2"), tampered,
            "RSOYDt4T1cUTdK1PDd93/VVr8B8=", "12345"));
    }

    void formBodyDecoding()
    {
        const auto fields =
            FormBody::parse("Body=2+milk+aur+1+bread%21&From=whatsapp%3A%2B9199&E=");
        QCOMPARE(fields.size(), 3);
        QCOMPARE(FormBody::value(fields, QStringLiteral("Body")),
                 QStringLiteral("2 milk aur 1 bread!"));
        QCOMPARE(FormBody::value(fields, QStringLiteral("From")), QStringLiteral("whatsapp:+9199"));
        QCOMPARE(FormBody::parse(FormBody::encode(fields)), fields);
    }
};

QTEST_GUILESS_MAIN(TestWebhookSignatures)
#include "tst_webhook_signatures.moc"

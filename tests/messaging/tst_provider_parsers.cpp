#include "messaging/EvolutionWebhookParser.h"
#include "messaging/PhoneAddress.h"
#include "messaging/TwilioWebhookParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace shopdesk;

// Twilio (form fields) and Evolution API (JSON) webhooks into inbound items.
class TestProviderParsers : public QObject
{
    Q_OBJECT

    static FormBody::Fields form(const QByteArray &body) { return FormBody::parse(body); }

private Q_SLOTS:
    void phoneAddresses()
    {
        QCOMPARE(PhoneAddress::fromProvider(QStringLiteral("972987654321")),
                 QStringLiteral("972987654321"));
        QCOMPARE(PhoneAddress::fromProvider(QStringLiteral("whatsapp:+14155238886")),
                 QStringLiteral("14155238886"));
        QCOMPARE(PhoneAddress::fromProvider(QStringLiteral("5511999999999@s.whatsapp.net")),
                 QStringLiteral("5511999999999"));
        QCOMPARE(PhoneAddress::fromProvider(QStringLiteral("US.13491208655302741918")),
                 QStringLiteral("US.13491208655302741918"));
        QCOMPARE(PhoneAddress::twilio(QStringLiteral("+91 98765-43210")),
                 QStringLiteral("whatsapp:+919876543210"));
    }

    void twilioText()
    {
        auto items =
            TwilioWebhookParser::parse(form("MessageSid=SM1&AccountSid=AC1&From=whatsapp%3A%"
                                            "2B919876543210&To=whatsapp%3A%2B14155238886"
                                            "&Body=2+milk+aur+1+bread&NumMedia=0&ProfileName=Asha&"
                                            "WaId=919876543210&MessageType=text"
                                            "&SmsStatus=received&NewFieldNobodyKnows=1"),
                                       {});
        QVERIFY2(items.ok(), qPrintable(items.error()));
        QCOMPARE(items->size(), 1);
        const InboundItem &m = items->first();
        QCOMPARE(m.kind, InboundItem::Kind::Message);
        QCOMPARE(m.providerMessageId, QStringLiteral("SM1"));
        QCOMPARE(m.customer, QStringLiteral("919876543210"));
        QCOMPARE(m.customerName, QStringLiteral("Asha"));
        QCOMPARE(m.type, QStringLiteral("text"));
        QCOMPARE(m.body, QStringLiteral("2 milk aur 1 bread"));
    }

    void twilioMediaLocationButtonReply()
    {
        auto media = TwilioWebhookParser::parse(
            form(
                "MessageSid=SM2&From=whatsapp%3A%2B1&NumMedia=2&MediaUrl0=https%3A%2F%2Fapi.twilio."
                "com%2Fm0"
                "&MediaContentType0=image%2Fjpeg&MediaUrl1=https%3A%2F%2Fapi.twilio.com%2Fm1"
                "&MediaContentType1=application%2Fpdf&Body=see+this&OriginalRepliedMessageSid=SM0"),
            {});
        QVERIFY(media.ok());
        QCOMPARE(media->first().type, QStringLiteral("image"));
        QCOMPARE(media->first().mediaUrl, QStringLiteral("https://api.twilio.com/m0"));
        QCOMPARE(media->first().replyTo, QStringLiteral("SM0"));
        QCOMPARE(media->first().extra.value(QLatin1String("more_media")).toArray().size(), 1);

        auto location =
            TwilioWebhookParser::parse(form("MessageSid=SM3&From=whatsapp%3A%2B1&MessageType="
                                            "location&Latitude=28.61&Longitude=77.20"
                                            "&Label=Shop&NumMedia=0"),
                                       {});
        QCOMPARE(location->first().type, QStringLiteral("location"));
        QCOMPARE(location->first().body, QStringLiteral("Shop"));

        auto button =
            TwilioWebhookParser::parse(form("MessageSid=SM4&From=whatsapp%3A%2B1&MessageType="
                                            "button&ButtonText=Yes&ButtonPayload=confirm"),
                                       {});
        QCOMPARE(button->first().type, QStringLiteral("button"));
        QCOMPARE(button->first().body, QStringLiteral("Yes"));
        QCOMPARE(button->first().extra.value(QLatin1String("payload")).toString(),
                 QStringLiteral("confirm"));
    }

    void twilioStatusCallbacks()
    {
        auto delivered = TwilioWebhookParser::parse(
            form("MessageSid=SM9&MessageStatus=delivered&To=whatsapp%3A%2B1"),
            QUrlQuery(QStringLiteral("outbox=42")));
        QVERIFY(delivered.ok());
        QCOMPARE(delivered->first().kind, InboundItem::Kind::Status);
        QCOMPARE(delivered->first().status, QStringLiteral("delivered"));
        QCOMPARE(delivered->first().correlation, QStringLiteral("42"));

        auto undelivered =
            TwilioWebhookParser::parse(form("MessageSid=SM9&MessageStatus=undelivered&ErrorCode="
                                            "63016&ErrorMessage=outside+window"),
                                       {});
        QCOMPARE(undelivered->first().status, QStringLiteral("failed"));
        QCOMPARE(undelivered->first().errorCode, QStringLiteral("63016"));

        auto queued = TwilioWebhookParser::parse(form("MessageSid=SM9&MessageStatus=queued"), {});
        QVERIFY(queued.ok());
        QVERIFY(queued->isEmpty()); // acknowledged, nothing to record

        QVERIFY(!TwilioWebhookParser::parse(form("Body=hi&From=whatsapp%3A%2B1"), {}).ok());
    }

    void evolutionUpsert()
    {
        const QByteArray body = R"({"event":"messages.upsert","instance":"shop","data":{
            "key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":false,"id":"3EB0A1"},
            "pushName":"Ravi","message":{"conversation":"2 milk aur 1 bread"},
            "messageType":"conversation","messageTimestamp":1761046839},
            "date_time":"2025-10-21T10:00:00.000Z","sender":"5511888@s.whatsapp.net"})";
        auto items = EvolutionWebhookParser::parse(body, false);
        QVERIFY2(items.ok(), qPrintable(items.error()));
        QCOMPARE(items->size(), 1);
        const InboundItem &m = items->first();
        QCOMPARE(m.providerMessageId, QStringLiteral("3EB0A1"));
        QCOMPARE(m.customer, QStringLiteral("5511999999999"));
        QCOMPARE(m.customerName, QStringLiteral("Ravi"));
        QCOMPARE(m.body, QStringLiteral("2 milk aur 1 bread"));
        QVERIFY(!m.fromStore);
        QCOMPARE(m.timestamp.toSecsSinceEpoch(), 1761046839);
    }

    void evolutionFromMeIsTheStore()
    {
        const QByteArray body = R"({"event":"MESSAGES_UPSERT","data":{
            "key":{"remoteJid":"5511999999999@s.whatsapp.net","fromMe":true,"id":"3EB0B2"},
            "pushName":"Store","message":{"extendedTextMessage":{"text":"Sending now"}},
            "messageType":"extendedTextMessage","messageTimestamp":1761046900}})";
        auto items = EvolutionWebhookParser::parse(body, false);
        QVERIFY(items.ok());
        QVERIFY(items->first().fromStore);
        QCOMPARE(items->first().body, QStringLiteral("Sending now"));
        QVERIFY(items->first().customerName.isEmpty()); // pushName is the store's own name
    }

    void evolutionMediaWithInlineBase64()
    {
        const QByteArray body = R"({"event":"messages.upsert","data":{
            "key":{"remoteJid":"5511@s.whatsapp.net","fromMe":false,"id":"IMG1"},
            "message":{"imageMessage":{"caption":"this one","mimetype":"image/jpeg",
            "url":"https://mmg.whatsapp.net/x.enc"},"base64":"aGVsbG8="},"messageType":"imageMessage"}})";
        auto items = EvolutionWebhookParser::parse(body, false);
        QVERIFY(items.ok());
        QCOMPARE(items->first().type, QStringLiteral("image"));
        QCOMPARE(items->first().body, QStringLiteral("this one"));
        QCOMPARE(items->first().mediaData, QByteArray("hello"));
        QCOMPARE(items->first().mediaMime, QStringLiteral("image/jpeg"));
    }

    void evolutionGroupsIgnoredUnlessEnabled()
    {
        const QByteArray body = R"({"event":"messages.upsert","data":{
            "key":{"remoteJid":"1203630@g.us","fromMe":false,"id":"G1","participant":"55@s.whatsapp.net"},
            "message":{"conversation":"hi all"},"messageType":"conversation"}})";
        QVERIFY(EvolutionWebhookParser::parse(body, false)->isEmpty());
        QCOMPARE(EvolutionWebhookParser::parse(body, true)->size(), 1);
    }

    void evolutionStatuses()
    {
        const QByteArray body = R"({"event":"messages.update","data":{"keyId":"3EB0C3",
            "remoteJid":"5511@s.whatsapp.net","fromMe":true,"status":"DELIVERY_ACK"}})";
        auto items = EvolutionWebhookParser::parse(body, false);
        QVERIFY(items.ok());
        QCOMPARE(items->first().kind, InboundItem::Kind::Status);
        QCOMPARE(items->first().status, QStringLiteral("delivered"));
        QCOMPARE(EvolutionWebhookParser::statusFrom(QJsonValue(4)), QStringLiteral("read"));
        QCOMPARE(EvolutionWebhookParser::statusFrom(QJsonValue(QStringLiteral("PENDING"))),
                 QString());
        // Events that carry nothing for the inbox are acknowledged with no items.
        QVERIFY(EvolutionWebhookParser::parse(
                    R"({"event":"connection.update","data":{"state":"open"}})", false)
                    ->isEmpty());
    }

    void evolutionBadBodies()
    {
        QVERIFY(!EvolutionWebhookParser::parse("nope", false).ok());
        QVERIFY(!EvolutionWebhookParser::parse(R"({"data":{}})", false).ok());
        auto noKey = EvolutionWebhookParser::parse(
            R"({"event":"messages.upsert","data":{"message":{}}})", false);
        QVERIFY(!noKey.ok());
        QVERIFY2(noKey.error().contains(QLatin1String("key")), qPrintable(noKey.error()));
    }
};

QTEST_GUILESS_MAIN(TestProviderParsers)
#include "tst_provider_parsers.moc"

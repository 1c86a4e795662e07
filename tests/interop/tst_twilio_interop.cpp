// The `twilio` npm package (Twilio's own implementation, version pinned) signs requests that are
// sent to a running engine, valid and tampered; and it validates signatures Shopdesk computes.
#include "EngineHarness.h"
#include "messaging/ChannelConfig.h"
#include "messaging/FormBody.h"
#include "messaging/WebhookSignatures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace shopdesk;
using namespace shopdesk::test;

class TwilioInteropTest : public QObject
{
    Q_OBJECT

    static QJsonObject paramsJson(const FormBody::Fields &fields)
    {
        QJsonObject o;
        for (const auto &[name, value] : fields) {
            if (!o.contains(name)) {
                o.insert(name, value);
            } else {
                QJsonArray values =
                    o.value(name).isArray() ? o.value(name).toArray() : QJsonArray{o.value(name)};
                values.append(value);
                o.insert(name, values);
            }
        }
        return o;
    }

    // Runs the npm package over the cases; returns its answers.
    static QJsonArray node(const QByteArray &token, const QJsonArray &cases)
    {
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(SHOPDESK_NPM_DIR));
        p.start(QStringLiteral("node"), {QStringLiteral("twilio-sign.js")});
        p.write(QJsonDocument(QJsonObject{{QStringLiteral("token"), QString::fromUtf8(token)},
                                          {QStringLiteral("cases"), cases}})
                    .toJson(QJsonDocument::Compact));
        p.closeWriteChannel();
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning() << "node failed:" << p.readAllStandardError();
            return {};
        }
        return QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    }

private Q_SLOTS:
    void npmSignedRequestsAgainstTheEngine()
    {
        EngineHarness h;
        QVERIFY(h.start());
        const qint64 tenant = h.addTenant();
        const Channel channel = h.addChannel(
            tenant, QStringLiteral("twilio"),
            {{QStringLiteral("account_sid"), QStringLiteral("AC9")},
             {QStringLiteral("auth_token"), QStringLiteral("interop-token")},
             {QStringLiteral("from"), QStringLiteral("+14155238886")},
             {QStringLiteral("public_url"), QStringLiteral("https://shop.example.com")}});
        const QString path = ChannelConfig(channel).webhookPath();
        const FormBody::Fields message{
            {QStringLiteral("MessageSid"), QStringLiteral("SMnpm1")},
            {QStringLiteral("AccountSid"), QStringLiteral("AC9")},
            {QStringLiteral("From"), QStringLiteral("whatsapp:+919822222222")},
            {QStringLiteral("To"), QStringLiteral("whatsapp:+14155238886")},
            {QStringLiteral("Body"), QStringLiteral("Kya aapke paas atta hai? 5 kg & 1 ghee")},
            {QStringLiteral("NumMedia"), QStringLiteral("0")},
            {QStringLiteral("ProfileName"), QStringLiteral("Priya")}};
        const QString publicUrl = QStringLiteral("https://shop.example.com") + path;
        const QJsonArray signed_ =
            node("interop-token",
                 {QJsonObject{{QStringLiteral("url"), publicUrl},
                              {QStringLiteral("params"), paramsJson(message)}},
                  QJsonObject{{QStringLiteral("url"),
                               QString(QStringLiteral("https://shop.example.com:443") + path)},
                              {QStringLiteral("params"), paramsJson(message)}}});
        QCOMPARE(signed_.size(), 2);
        const QByteArray npmSignature =
            signed_.at(0).toObject().value(QLatin1String("signature")).toString().toUtf8();
        const QByteArray npmWithPort =
            signed_.at(1).toObject().value(QLatin1String("signature")).toString().toUtf8();
        QVERIFY(!npmSignature.isEmpty());
        const QByteArray body = FormBody::encode(message);
        const auto post = [&](const QByteArray &b, const QByteArray &signature) {
            return h.http.post(h.url(path), b,
                               {{"Content-Type", "application/x-www-form-urlencoded"},
                                {"X-Twilio-Signature", signature}});
        };
        QCOMPARE(post(body, npmSignature).status, 200);
        QCOMPARE(post(body, npmWithPort).status, 200); // default port added by the signer
        QByteArray tampered = body;
        tampered.replace("atta", "ATTA");
        QCOMPARE(post(tampered, npmSignature).status, 403);
        QCOMPARE(post(body + "&Injected=1", npmSignature).status, 403);
        const QJsonArray wrongToken =
            node("another-token", {QJsonObject{{QStringLiteral("url"), publicUrl},
                                               {QStringLiteral("params"), paramsJson(message)}}});
        QCOMPARE(
            post(body,
                 wrongToken.at(0).toObject().value(QLatin1String("signature")).toString().toUtf8())
                .status,
            403);
        QVERIFY(h.settle());
        const auto stored = h.messageByProviderId(tenant, QStringLiteral("SMnpm1"));
        QVERIFY(stored);
        QCOMPARE(stored->body, QStringLiteral("Kya aapke paas atta hai? 5 kg & 1 ghee"));
        QCOMPARE(h.messages(tenant).size(), 1);
    }

    void npmValidatesShopdeskSignatures()
    {
        const FormBody::Fields repeated{
            {QStringLiteral("MediaUrl"), QStringLiteral("https://m/2")},
            {QStringLiteral("MediaUrl"), QStringLiteral("https://m/1")},
            {QStringLiteral("Body"), QStringLiteral("ünïcödé ✓ + spaces")},
            {QStringLiteral("Empty"), QString()}};
        const QStringList urls{QStringLiteral("https://shop.example.com/webhooks/twilio/k?a=1&b=2"),
                               QStringLiteral("http://127.0.0.1:8787/webhooks/twilio/k")};
        QJsonArray cases;
        for (const QString &url : urls)
            cases.append(QJsonObject{
                {QStringLiteral("url"), url},
                {QStringLiteral("params"), paramsJson(repeated)},
                {QStringLiteral("signature"),
                 QString::fromUtf8(WebhookSignatures::twilioSignature(url, repeated, "tok"))}});
        const QJsonArray answers = node("tok", cases);
        QCOMPARE(answers.size(), urls.size());
        for (int i = 0; i < urls.size(); ++i) {
            const QJsonObject a = answers.at(i).toObject();
            QVERIFY2(a.value(QLatin1String("valid")).toBool(), qPrintable(urls.at(i)));
            QCOMPARE(a.value(QLatin1String("signature")).toString().toUtf8(),
                     WebhookSignatures::twilioSignature(urls.at(i), repeated, "tok"));
        }
    }
};

QTEST_GUILESS_MAIN(TwilioInteropTest)
#include "tst_twilio_interop.moc"

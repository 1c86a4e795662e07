// Photos of shopping lists arriving among ordinary messages, through Meta's signed webhooks into
// a running engine (SQLite), with the bot answering and without it: how fast webhooks are
// acknowledged while Tesseract reads the photos, and how long the photos take to be read (and,
// with the bot, answered).
//
// Usage: shopdesk-bench-media-load [--messages 300] [--photos 20]
// One JSON object per line: {"bench", "bot", "value", "unit"}.
#include "BenchSupport.h"
#include "EngineHarness.h"
#include "FakeProviderServer.h"
#include "ShoppingListImage.h"

#include "agent/Agent.h"
#include "demo/DemoStoreLoader.h"
#include "messaging/ChannelConfig.h"
#include "messaging/WebhookSignatures.h"
#include "reading/MediaReading.h"
#include "storage/BotQueueStore.h"
#include "storage/ConversationStore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace shopdesk;
using namespace shopdesk::bench;
using namespace shopdesk::test;

namespace {

QByteArray webhook(const QString &from, const QString &id, const QJsonObject &typed,
                   const QString &type)
{
    QJsonObject m{
        {QStringLiteral("from"), from},
        {QStringLiteral("id"), id},
        {QStringLiteral("timestamp"), QString::number(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("type"), type},
        {type, typed}};
    const QJsonObject value{
        {QStringLiteral("messaging_product"), QStringLiteral("whatsapp")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("display_phone_number"), QStringLiteral("15550001111")},
                     {QStringLiteral("phone_number_id"), QStringLiteral("PN")}}},
        {QStringLiteral("contacts"),
         QJsonArray{QJsonObject{{QStringLiteral("profile"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Bench")}}},
                                {QStringLiteral("wa_id"), from}}}},
        {QStringLiteral("messages"), QJsonArray{m}}};
    const QJsonObject root{
        {QStringLiteral("object"), QStringLiteral("whatsapp_business_account")},
        {QStringLiteral("entry"),
         QJsonArray{QJsonObject{
             {QStringLiteral("id"), QStringLiteral("1")},
             {QStringLiteral("changes"),
              QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("messages")},
                                     {QStringLiteral("value"), value}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

int g_photos = 0; // the run's photos: figures of a run without any are named "..._no_photos"

void report(const char *name, bool bot, double value, const char *unit)
{
    const QString bench =
        QLatin1String(name) + (g_photos == 0 ? QStringLiteral("_no_photos") : QString());
    printLine({{QStringLiteral("bench"), bench},
               {QStringLiteral("bot"), bot ? QStringLiteral("on") : QStringLiteral("off")},
               {QStringLiteral("value"), value},
               {QStringLiteral("unit"), QLatin1String(unit)}});
}

void run(bool bot, int messages, int photos)
{
    g_photos = photos;
    FakeProviderServer meta(FakeProviderServer::Provider::Meta);
    if (meta.start() == 0)
        die(QStringLiteral("the fake Meta API did not start"));
    meta.setMedia(ShoppingListImage::jpeg(
                      {QStringLiteral("2 Brown Eggs"), QStringLiteral("3 Toor Dal"),
                       QStringLiteral("1 Fortune Mustard Oil"), QStringLiteral("2 Iodised Salt")},
                      ShoppingListImage::Look::Photographed),
                  "image/jpeg");
    EngineHarness h(Engine::Options{}, bot);
    if (!h.start())
        die(QStringLiteral("the engine did not start"));
    const qint64 tenant =
        need(h.run([](Store &s) { return DemoStoreLoader::load(s, false); })).tenantId;
    const Channel channel = h.addMetaChannel(tenant, meta.baseUrl());
    if (!h.settle())
        die(QStringLiteral("the engine did not settle"));
    const QUrl url = h.url(ChannelConfig(channel).webhookPath());

    QNetworkAccessManager network;
    std::vector<double> acks;
    QList<QString> photoIds;
    const int every = std::max(1, messages / std::max(1, photos));
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < messages; ++i) {
        const QString from = QStringLiteral("9198%1").arg(30000000 + i % 40);
        const QString id = QStringLiteral("wamid.bench.%1").arg(i);
        const bool photo = i % every == 0 && photoIds.size() < photos;
        const QByteArray body =
            photo ? webhook(from, id,
                            {{QStringLiteral("id"), QStringLiteral("media-%1").arg(i)},
                             {QStringLiteral("mime_type"), QStringLiteral("image/jpeg")}},
                            QStringLiteral("image"))
                  : webhook(from, id,
                            {{QStringLiteral("body"), QStringLiteral("2 brown eggs bhej do")}},
                            QStringLiteral("text"));
        if (photo)
            photoIds << id;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Hub-Signature-256", WebhookSignatures::metaHeader(body, "s"));
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = network.post(request, body);
        QEventLoop wait; // not a polling wait: the time is the acknowledgement's
        QObject::connect(reply, &QNetworkReply::finished, &wait, &QEventLoop::quit);
        wait.exec();
        acks.push_back(double(t.nsecsElapsed()) / 1e6);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status != 200)
            die(QStringLiteral("a webhook was answered %1").arg(status));
    }
    const double sentMs = double(clock.elapsed());
    // Every photo read (its reading written), and with the bot every message answered.
    const auto allRead = [&] {
        int read = 0;
        for (const QString &id : std::as_const(photoIds)) {
            auto m = h.messageByProviderId(tenant, id);
            read += m && MediaReading::of(*m).settled() ? 1 : 0;
        }
        return read == photoIds.size();
    };
    if (!QTest::qWaitFor(allRead, 600000))
        die(QStringLiteral("the photos were not all read in 10 minutes"));
    const double readMs = double(clock.elapsed());
    if (bot && !QTest::qWaitFor(
                   [&] {
                       auto waiting = h.run([](Store &s) { return s.botQueue().waiting(); });
                       return waiting && waiting.value() == 0;
                   },
                   600000))
        die(QStringLiteral("the bot did not answer everything in 10 minutes"));
    report("media_ack_p50", bot, percentile(acks, 0.5), "ms");
    report("media_ack_p99", bot, percentile(acks, 0.99), "ms");
    report("media_send_rate", bot, messages / (sentMs / 1000.0), "req/s");
    report("media_photos_read_after_ms", bot, readMs, "ms");
    report("media_per_photo_ms", bot, readMs / std::max<qsizetype>(1, photoIds.size()), "ms");
    if (bot)
        report("media_all_answered_after_ms", bot, double(clock.elapsed()), "ms");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv); // the photos are drawn with Qt's fonts
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Webhooks to send."),
                      QStringLiteral("n"), QStringLiteral("300")});
    parser.addOption({QStringLiteral("photos"), QStringLiteral("Of them, photos of lists."),
                      QStringLiteral("n"), QStringLiteral("20")});
    parser.process(app);
    const int messages = std::max(1, parser.value(QStringLiteral("messages")).toInt());
    const int photos = std::max(0, parser.value(QStringLiteral("photos")).toInt());
    run(true, messages, photos);
    run(false, messages, photos);
    run(true, messages, 0); // the same webhooks without photos, for comparison
    run(false, messages, 0);
    return 0;
}

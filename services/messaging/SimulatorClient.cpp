#include "messaging/SimulatorClient.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

namespace shopdesk {

void SimulatorClient::send(const OutboxItem &item, SendDone done)
{
    const QJsonObject payload = QJsonDocument::fromJson(item.payloadJson.toUtf8()).object();
    QString text = payload.value(QLatin1String("text")).toString();
    if (item.kind == QLatin1String("media"))
        text = QStringLiteral("[%1] %2").arg(payload.value(QLatin1String("media_type")).toString(),
                                             payload.value(QLatin1String("caption")).toString());
    else if (item.kind == QLatin1String("template") && text.isEmpty())
        text = QStringLiteral("[template %1]")
                   .arg(payload.value(QLatin1String("template")).toString());
    const QString id = QStringLiteral("wamid.sim.") + QUuid::createUuid().toString(QUuid::Id128);
    const QString customer = item.customer;
    const qint64 channelId = item.channelId;
    QTimer::singleShot(0, this, [this, done = std::move(done), id, customer, channelId, text] {
        done({SendOutcome::Kind::Sent, id, {}, {}, -1});
        Q_EMIT delivered(channelId, customer, id, text);
    });
}

void SimulatorClient::testConnection(TestDone done)
{
    QTimer::singleShot(0, this, [done = std::move(done)] { done(success()); });
}

void SimulatorClient::fetchMedia(const MediaJob &job, qint64, FetchDone done)
{
    const QByteArray data = job.inlineData;
    QTimer::singleShot(0, this, [data, done = std::move(done)] {
        if (data.isEmpty())
            done(Result<FetchedMedia>::failure(QStringLiteral("The simulator has no file here.")));
        else
            done(FetchedMedia{data, {}});
    });
}

} // namespace shopdesk

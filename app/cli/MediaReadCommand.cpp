#include "cli/MediaReadCommand.h"

#include "catalog/ProductMatcher.h"
#include "knowledge/KnowledgeSettings.h"
#include "reading/ListOcr.h"
#include "reading/Transcriber.h"
#include "storage/Store.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QNetworkAccessManager>

namespace shopdesk {

void MediaReadCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the reading as JSON.")});
}

int MediaReadCommand::run(const QCommandLineParser &parser)
{
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1)
        return fail(QStringLiteral("Give one file: shopdesk-cli media read --tenant demo "
                                   "list.jpg (or voice.ogg)"));
    QFile file(args.first());
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("Cannot open %1: %2").arg(file.fileName(), file.errorString()));
    const QByteArray bytes = file.readAll();
    const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(file.fileName(), bytes).name();
    const bool photo = mime.startsWith(QLatin1String("image/"));
    const bool voice =
        mime.startsWith(QLatin1String("audio/")) || mime.contains(QLatin1String("ogg"));
    if (photo || voice) {
        auto store = openStore(parser);
        if (!store)
            return fail(store.error());
        auto t = tenant(*store.value(), parser);
        if (!t)
            return fail(t.error());
        return photo ? readPhoto(parser, *store.value(), t->id, bytes)
                     : transcribe(parser, *store.value(), t->id, file.fileName(), bytes);
    }
    return fail(QStringLiteral("%1 is %2: give a photo (JPEG, PNG, WebP) or a voice note (OGG, "
                               "MP3, WAV, M4A).")
                    .arg(file.fileName(), mime));
}

int MediaReadCommand::readPhoto(const QCommandLineParser &parser, Store &store, qint64 tenantId,
                                const QByteArray &bytes)
{
    auto products = store.catalog().products(tenantId);
    if (!products)
        return fail(products.error());
    QElapsedTimer timer;
    timer.start();
    auto text = ListOcr::read(bytes);
    if (!text)
        return fail(QStringLiteral("The photo was not read: %1.").arg(text.error()));
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    const ProductMatcher matcher(products.value());
    const QList<ProductMatcher::Match> items = matcher.matchOrder(text->joined());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray lines;
        for (const ListOcr::Line &l : text->lines)
            lines.append(QJsonObject{{QStringLiteral("text"), l.text},
                                     {QStringLiteral("confidence"), l.confidence}});
        QJsonArray found;
        for (const ProductMatcher::Match &m : items) {
            QJsonObject item{{QStringLiteral("text"), m.item.text},
                             {QStringLiteral("quantity"), m.item.quantity},
                             {QStringLiteral("accepted"), m.accepted()}};
            if (m.best() >= 0)
                item.insert(QStringLiteral("product"), matcher.product(m.best()).name);
            found.append(item);
        }
        out() << QJsonDocument(QJsonObject{{QStringLiteral("lines"), lines},
                                           {QStringLiteral("items"), found},
                                           {QStringLiteral("confidence"), text->confidence},
                                           {QStringLiteral("engine"), text->engine},
                                           {QStringLiteral("ms"), ms}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return ExitOk;
    }
    if (text->lines.isEmpty()) {
        out() << "no writing found on the photo: the bot hands it to a person\n";
        return ExitOk;
    }
    out() << "read on the photo:\n";
    for (const ListOcr::Line &l : text->lines)
        out() << QStringLiteral("    %1  (%2%)\n").arg(l.text).arg(qRound(l.confidence * 100));
    out() << "items:\n";
    for (const ProductMatcher::Match &m : items)
        out() << QStringLiteral("    %1 \"%2\" %3 %4\n")
                     .arg(QString::number(m.item.quantity), m.item.text,
                          m.accepted() ? QStringLiteral("→") : QStringLiteral("?"),
                          m.best() >= 0 ? matcher.product(m.best()).name
                                        : QStringLiteral("not in the shop"));
    err() << QStringLiteral("read in %1 ms with %2\n").arg(ms, 0, 'f', 0).arg(text->engine);
    return ExitOk;
}

int MediaReadCommand::transcribe(const QCommandLineParser &parser, Store &store, qint64 tenantId,
                                 const QString &path, const QByteArray &bytes)
{
    const ModelEndpoint endpoint = KnowledgeSettings::load(store, tenantId).transcription;
    if (!endpoint.configured())
        return fail(QStringLiteral("The store has no voice service: set one in Settings › "
                                   "Knowledge › Voice notes (setting ai.transcription)."));
    QNetworkAccessManager network;
    Transcriber transcriber(network);
    QEventLoop loop;
    std::optional<Result<Transcriber::Transcript>> heard;
    const QString mime = QMimeDatabase().mimeTypeForFileNameAndData(path, bytes).name();
    transcriber.transcribe(endpoint, bytes, QFileInfo(path).fileName(), mime,
                           [&](Result<Transcriber::Transcript> r) {
                               heard.emplace(std::move(r));
                               loop.quit();
                           });
    if (!heard)
        loop.exec();
    if (!heard->ok())
        return fail(QStringLiteral("Not transcribed: %1.").arg(heard->error()));
    const Transcriber::Transcript &said = heard->value();
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(QJsonObject{{QStringLiteral("text"), said.text},
                                           {QStringLiteral("confidence"), said.confidence},
                                           {QStringLiteral("language"), said.language}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return ExitOk;
    }
    out() << said.text << '\n';
    if (said.confidence >= 0)
        err() << QStringLiteral("%1% sure\n").arg(qRound(said.confidence * 100));
    return ExitOk;
}

} // namespace shopdesk

#include "knowledge/DocumentImporter.h"

#include "storage/Store.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

DocumentImporter::Outcome DocumentImporter::rejected(const QString &file, const QString &why)
{
    Outcome o;
    o.kind = Outcome::Kind::Rejected;
    o.file = file;
    o.message = why;
    return o;
}

DocumentImporter::Outcome DocumentImporter::importFile(Store &store, qint64 tenantId,
                                                       const QString &path,
                                                       const Settings &settings)
{
    auto read = DocumentReader::read(path, settings);
    if (!read)
        return rejected(QFileInfo(path).fileName(), read.error());
    return DocumentImporter::store(store, tenantId, read.value());
}

DocumentImporter::Outcome DocumentImporter::store(Store &store, qint64 tenantId,
                                                  const DocumentReader::Read &read)
{
    const QString name = read.document.sourceName;
    auto documents = store.knowledge().documents(tenantId);
    if (!documents)
        return rejected(name, documents.error());
    for (const KnowledgeDocument &d : std::as_const(documents.value())) {
        if (d.sourceName == name && d.contentHash == read.document.contentHash) {
            Outcome o;
            o.kind = Outcome::Kind::Unchanged;
            o.file = name;
            o.documentId = d.id;
            o.chunks = d.chunkCount;
            o.message = QStringLiteral("unchanged since the last import");
            return o;
        }
    }
    auto stored = store.knowledge().putDocument(tenantId, read.document, read.chunks);
    if (!stored)
        return rejected(name, stored.error());
    Outcome o;
    o.kind = Outcome::Kind::Imported;
    o.file = name;
    o.documentId = stored->id;
    o.chunks = int(read.chunks.size());
    const QString unit = read.faq ? QStringLiteral("question") : QStringLiteral("passage");
    o.message = o.chunks == 1 ? QStringLiteral("imported (1 %1)").arg(unit)
                              : QStringLiteral("imported (%1 %2s)").arg(o.chunks).arg(unit);
    return o;
}

QString DocumentImporter::chunkingJson(const TextChunker::Settings &c)
{
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("max_chars"), c.maxChars},
                                                       {QStringLiteral("overlap"), c.overlap},
                                                       {QStringLiteral("separator"), c.separator}})
                                 .toJson(QJsonDocument::Compact));
}

TextChunker::Settings DocumentImporter::parseChunking(const QString &json)
{
    TextChunker::Settings c;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    c.maxChars = std::clamp(o.value(QStringLiteral("max_chars")).toInt(c.maxChars), 100, 8000);
    c.overlap = std::clamp(o.value(QStringLiteral("overlap")).toInt(c.overlap), 0, c.maxChars / 2);
    c.separator = o.value(QStringLiteral("separator")).toString();
    return c;
}

DocumentImporter::Settings DocumentImporter::settingsFor(Store &store, qint64 tenantId)
{
    Settings s;
    auto json = store.tenants().setting(tenantId, QStringLiteral("knowledge.chunking"));
    if (json && !json->isEmpty())
        s.chunking = parseChunking(json.value());
    return s;
}

} // namespace shopdesk

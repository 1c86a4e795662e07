#include "cli/KbCommands.h"

#include "knowledge/DocumentImporter.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void KbImportCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("max-chars"),
                      QStringLiteral("Longest passage in characters (default: the store's "
                                     "chunking setting, else 800)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("question-column"),
                      QStringLiteral("FAQ files: the header of the question column."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("answer-column"),
                      QStringLiteral("FAQ files: the header of the answer column."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the results as JSON.")});
}

int KbImportCommand::run(const QCommandLineParser &parser)
{
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return fail(
            QStringLiteral("Say which files: shopdesk-cli kb import --tenant SLUG FILE..."));
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    DocumentImporter::Settings settings = DocumentImporter::settingsFor(*store.value(), tenant->id);
    if (parser.isSet(QStringLiteral("max-chars")))
        settings.chunking.maxChars = parser.value(QStringLiteral("max-chars")).toInt();
    settings.questionColumn = parser.value(QStringLiteral("question-column"));
    settings.answerColumn = parser.value(QStringLiteral("answer-column"));
    QJsonArray results;
    bool allOk = true;
    for (const QString &file : files) {
        const auto o = DocumentImporter::importFile(*store.value(), tenant->id, file, settings);
        const bool ok = o.kind != DocumentImporter::Outcome::Kind::Rejected;
        allOk = allOk && ok;
        results.append(
            QJsonObject{{QStringLiteral("file"), o.file},
                        {QStringLiteral("result"),
                         o.kind == DocumentImporter::Outcome::Kind::Imported
                             ? QStringLiteral("imported")
                             : (ok ? QStringLiteral("unchanged") : QStringLiteral("rejected"))},
                        {QStringLiteral("document_id"), o.documentId},
                        {QStringLiteral("chunks"), o.chunks},
                        {QStringLiteral("message"), o.message}});
        if (!parser.isSet(QStringLiteral("json")))
            out() << o.file << ": " << o.message << '\n';
    }
    if (parser.isSet(QStringLiteral("json")))
        out() << QJsonDocument(results).toJson(QJsonDocument::Compact) << '\n';
    return allOk ? ExitOk : ExitFailure;
}

void KbListCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the documents as JSON.")});
}

int KbListCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    auto documents = store.value()->knowledge().documents(tenant->id);
    if (!documents)
        return fail(documents.error());
    QJsonArray array;
    for (const KnowledgeDocument &d : std::as_const(documents.value()))
        array.append(
            QJsonObject{{QStringLiteral("id"), d.id},
                        {QStringLiteral("title"), d.title},
                        {QStringLiteral("source"), d.sourceName},
                        {QStringLiteral("chunks"), d.chunkCount},
                        {QStringLiteral("status"), d.status},
                        {QStringLiteral("updated_at"), d.updatedAt.toUTC().toString(Qt::ISODate)}});
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    if (array.isEmpty())
        out() << "no knowledge yet (add some: shopdesk-cli kb import --tenant " << tenant->slug
              << " FILE...)\n";
    for (const KnowledgeDocument &d : std::as_const(documents.value()))
        out() << d.title << "  (" << d.sourceName << ", " << d.chunkCount << " passages)\n";
    return ExitOk;
}

} // namespace shopdesk

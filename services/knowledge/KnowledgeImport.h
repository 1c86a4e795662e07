#pragma once

#include "knowledge/DocumentImporter.h"

#include <QFuture>
#include <QObject>

#include <memory>
#include <optional>

namespace shopdesk {

class StoreWorker;

// One import as the console runs it: files are read and split on a pool thread (a long PDF never
// holds up the database or the window), with progress and cancel, then stored on the database
// thread, each file whole or not at all. Cancelled before the end, nothing is stored.
// preview() reads the files the same way and hands back the passages without storing them.
class KnowledgeImport : public QObject
{
    Q_OBJECT
public:
    // Without settings, the store's own (chunking from its settings) are used.
    KnowledgeImport(StoreWorker &store, qint64 tenantId, QStringList files,
                    std::optional<DocumentReader::Settings> settings = std::nullopt,
                    QObject *parent = nullptr);
    ~KnowledgeImport() override; // cancels, and waits for the file being read

    // Who imports (a manager or the owner): checked on the database thread before anything is
    // stored, and the import audited.
    void setActor(qint64 operatorId) { m_actor = operatorId; }
    void start();
    void preview();
    void cancel();
    bool isCancelled() const;

Q_SIGNALS:
    void progress(int percent, const QString &file);
    void finished(const QList<shopdesk::DocumentImporter::Outcome> &outcomes, bool cancelled);
    void previewed(const QList<shopdesk::DocumentImporter::Outcome> &failures,
                   const QList<shopdesk::DocumentReader::Read> &reads);

private:
    struct Shared;
    void readAll(bool storeAfter);

    StoreWorker &m_store;
    qint64 m_tenantId;
    qint64 m_actor = 0;
    QStringList m_files;
    std::optional<DocumentReader::Settings> m_settings;
    std::shared_ptr<Shared> m_shared;
    QFuture<void> m_running;
};

} // namespace shopdesk

#pragma once

#include "LatestRequest.h"
#include "knowledge/DocumentReader.h"

#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace shopdesk {

class Engine;
class FaqEditor;
class KnowledgeImport;
class KnowledgeSettingsSection;
class PassageEditor;
class RetrievalLogDialog;
class SynonymsEditor;

// What the bot may say. Tabs for the documents (import by button or drop, with progress and
// cancel; each document's passages, editable), the FAQ, the synonyms and the settings; below
// them, always in view, a panel to try a question against exactly the pipeline the bot uses,
// with the log of every retrieval one click away.
class KnowledgePane : public QWidget
{
    Q_OBJECT
public:
    explicit KnowledgePane(Engine &engine, QWidget *parent = nullptr);
    ~KnowledgePane() override;

    void setTenant(qint64 tenantId);
    // Who edits (the signed-in person): the engine checks their role on every save.
    void setActor(qint64 operatorId);
    // Imports with the store's chunking settings (drops, tests); chooseFiles() asks first.
    void importFiles(const QStringList &files,
                     const std::optional<DocumentReader::Settings> &settings = std::nullopt);
    void cancelImport();
    void tryQuestion(const QString &question);
    RetrievalLogDialog *openLog();

    QTabWidget *tabs() const { return m_tabs; }
    QTableWidget *documents() const { return m_documents; }
    PassageEditor *passages() const { return m_passages; }
    FaqEditor *faq() const { return m_faq; }
    SynonymsEditor *synonyms() const { return m_synonyms; }
    KnowledgeSettingsSection *settingsSection() const { return m_settings; }
    QListWidget *results() const { return m_results; }
    QLineEdit *questionEdit() const { return m_question; }
    QProgressBar *importProgress() const { return m_progress; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void documentsLoaded();
    void resultsShown();
    void importFinished();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *buildDocumentsTab();
    QWidget *buildTryPanel();
    void reload();
    void chooseFiles();
    void askFirst(const QStringList &files);
    void deleteSelected();
    qint64 selectedDocument() const;

    Engine &m_engine;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    LatestRequest m_documentsRequest;
    quint64 m_questionGeneration = 0;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_documents = nullptr;
    PassageEditor *m_passages = nullptr;
    FaqEditor *m_faq = nullptr;
    SynonymsEditor *m_synonyms = nullptr;
    KnowledgeSettingsSection *m_settings = nullptr;
    QWidget *m_importRow = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressLabel = nullptr;
    QPushButton *m_importButton = nullptr;
    QLineEdit *m_question = nullptr;
    QListWidget *m_results = nullptr;
    QLabel *m_resultsNote = nullptr;
    std::unique_ptr<KnowledgeImport> m_import;
    QPointer<RetrievalLogDialog> m_log;
};

} // namespace shopdesk

#pragma once

#include "knowledge/DocumentReader.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace shopdesk {

class ChunkingFields;
class KnowledgeImport;
class KnowledgeEditService;
class StoreWorker;

// Before files become knowledge: how they will be split (the store's chunking settings, which
// this dialog can change), which columns of an FAQ file hold the questions and the answers, and
// a preview of the passages they would make. Nothing is stored until Import.
class KnowledgeImportDialog : public QDialog
{
    Q_OBJECT
public:
    KnowledgeImportDialog(StoreWorker &store, KnowledgeEditService &knowledge, qint64 tenantId,
                          QStringList files, QWidget *parent = nullptr);
    ~KnowledgeImportDialog() override;

    DocumentReader::Settings settings() const;
    QStringList files() const { return m_files; }
    void preview();
    QListWidget *previewList() const { return m_preview; }
    QComboBox *questionColumn() const { return m_question; }
    QComboBox *answerColumn() const { return m_answer; }

Q_SIGNALS:
    void previewShown();

private:
    StoreWorker &m_store; // the preview reads files only (KnowledgeImport)
    KnowledgeEditService &m_knowledge;
    QStringList m_files;
    ChunkingFields *m_chunking = nullptr;
    QComboBox *m_question = nullptr;
    QComboBox *m_answer = nullptr;
    QListWidget *m_preview = nullptr;
    QLabel *m_previewNote = nullptr;
    QPushButton *m_previewButton = nullptr;
    std::unique_ptr<KnowledgeImport> m_reading;
};

} // namespace shopdesk

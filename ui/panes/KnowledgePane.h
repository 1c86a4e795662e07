#pragma once

#include "LatestRequest.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QTableWidget;

namespace shopdesk {

class Engine;

// What the bot may say: the store's documents (import by button or by dropping files), and a
// panel to try a question against exactly the pipeline the bot uses.
class KnowledgePane : public QWidget
{
    Q_OBJECT
public:
    explicit KnowledgePane(Engine &engine, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void importFiles(const QStringList &files);
    void tryQuestion(const QString &question);
    QTableWidget *documents() const { return m_documents; }
    QListWidget *results() const { return m_results; }
    QLineEdit *questionEdit() const { return m_question; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void documentsLoaded();
    void resultsShown();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void reload();
    void chooseFiles();

    Engine &m_engine;
    qint64 m_tenantId = 0;
    LatestRequest m_documentsRequest;
    LatestRequest m_searchRequest;
    QTableWidget *m_documents = nullptr;
    QLineEdit *m_question = nullptr;
    QListWidget *m_results = nullptr;
    QLabel *m_resultsNote = nullptr;
};

} // namespace shopdesk

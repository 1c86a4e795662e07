#pragma once

#include "domain/RetrievalLogEntry.h"

#include <QDialog>

class QPlainTextEdit;
class QTableWidget;

namespace shopdesk {

class KnowledgeEditService;

// Every retrieval the bot ran (and the tests from the console), newest first: the question, the
// decision, the confidence and latency; a row's details show the passages found and the reason.
// Questions that were handed over are the knowledge gaps to fill.
class RetrievalLogDialog : public QDialog
{
    Q_OBJECT
public:
    RetrievalLogDialog(KnowledgeEditService &knowledge, qint64 tenantId, QWidget *parent = nullptr);
    QTableWidget *table() const { return m_table; }
    void reload();

Q_SIGNALS:
    void loaded();

private:
    void showDetails(int row);

    KnowledgeEditService &m_knowledge;
    qint64 m_tenantId;
    QList<RetrievalLogEntry> m_entries;
    QTableWidget *m_table = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace shopdesk

#pragma once

#include "LatestRequest.h"

#include <QWidget>

class QTableWidget;

namespace shopdesk {

class KnowledgeEditService;

// Questions and answers typed in the console, kept as one knowledge document ("Frequently asked
// questions") with one passage per pair, exactly like an imported FAQ file. Saved whole: a row
// with a question and no answer (or the reverse) is named and nothing changes.
class FaqEditor : public QWidget
{
    Q_OBJECT
public:
    explicit FaqEditor(KnowledgeEditService &edits, QWidget *parent = nullptr);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves: the engine checks
    void setTenant(qint64 tenantId);
    QTableWidget *table() const { return m_table; }
    void addPair(const QString &question, const QString &answer);
    void save();

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();

private:
    void reload();

    KnowledgeEditService &m_edits;
    qint64 m_actor = 0;
    LatestRequest m_request;
    qint64 m_tenantId = 0;
    QTableWidget *m_table = nullptr;
};

} // namespace shopdesk

#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace shopdesk {

class KnowledgeEditService;

// The store's synonyms, one group per line ("doodh = dudh = milk"), applied to customers'
// questions. A try-line shows what a question becomes, as the bot will search it.
class SynonymsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SynonymsEditor(KnowledgeEditService &edits, QWidget *parent = nullptr);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves: the engine checks
    void setTenant(qint64 tenantId);
    QPlainTextEdit *editor() const { return m_text; }
    QLineEdit *tryLine() const { return m_try; }
    QLabel *tryResult() const { return m_result; }
    void save();

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();

private:
    void updateTry();

    KnowledgeEditService &m_edits;
    qint64 m_actor = 0;
    qint64 m_tenantId = 0;
    QPlainTextEdit *m_text = nullptr;
    QLineEdit *m_try = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace shopdesk

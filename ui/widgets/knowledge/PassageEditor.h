#pragma once

#include "LatestRequest.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace shopdesk {

class KnowledgeEditService;

// The passages of one document, as the bot sees them: each can be corrected by hand or turned
// off (the bot stops using it at once; a re-import of the file replaces the edits).
class PassageEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PassageEditor(KnowledgeEditService &edits, QWidget *parent = nullptr);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves: the engine checks

    void showDocument(qint64 tenantId, qint64 documentId);
    QListWidget *list() const { return m_list; }
    QPlainTextEdit *textEdit() const { return m_text; }
    QCheckBox *enabledBox() const { return m_enabled; }
    void save();

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();

private:
    void reload();
    void showPassage(int row);

    KnowledgeEditService &m_edits;
    qint64 m_actor = 0;
    LatestRequest m_request;
    qint64 m_tenantId = 0;
    qint64 m_documentId = 0;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QCheckBox *m_enabled = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_heading = nullptr;
};

} // namespace shopdesk

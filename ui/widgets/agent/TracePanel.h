#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QTextBrowser;

namespace shopdesk {

class TraceListModel;

// Beside a conversation's messages: what the bot did with each customer message (newest
// first), and for the one selected, why: the intent and its certainty, the items it read, the
// tools it used, the documents it looked in, the language model's part, the decision.
class TracePanel : public QWidget
{
    Q_OBJECT
public:
    explicit TracePanel(TraceListModel &traces, QWidget *parent = nullptr);

    QListView *list() const { return m_list; }
    QTextBrowser *details() const { return m_details; }

private:
    void showSelected();

    TraceListModel &m_traces;
    QLabel *m_empty = nullptr;
    QListView *m_list = nullptr;
    QTextBrowser *m_details = nullptr;
};

} // namespace shopdesk

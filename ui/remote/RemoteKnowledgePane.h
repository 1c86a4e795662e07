#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace shopdesk {

class RemoteConsoleClient;

// What the bot knows, on a serve node: ask a question as a customer would and see the answer
// it would give, its confidence (or why it would hand over), and the passages it found; the
// FAQ, which a manager or the owner edits here (the node checks); the store's documents.
// Importing files stays on the store's own computers for now.
class RemoteKnowledgePane : public QWidget
{
    Q_OBJECT
public:
    explicit RemoteKnowledgePane(RemoteConsoleClient &client, QWidget *parent = nullptr);

    void reload(); // the FAQ and the documents
    void setCanEdit(bool canEdit);
    void saveFaq();
    QTableWidget *faqTable() const { return m_faq; }
    void ask(const QString &question);
    QLabel *answerLabel() const { return m_answer; }
    QListWidget *passages() const { return m_passages; }
    QListWidget *documents() const { return m_documents; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void answered();
    void faqLoaded();
    void faqSaved();

private:
    RemoteConsoleClient &m_client;
    QLineEdit *m_question = nullptr;
    QPushButton *m_ask = nullptr;
    QLabel *m_answer = nullptr;
    QListWidget *m_passages = nullptr;
    QListWidget *m_documents = nullptr;
    QTableWidget *m_faq = nullptr;
    QPushButton *m_addQuestion = nullptr;
    QPushButton *m_saveFaq = nullptr;
    bool m_faqEdited = false; // changes not saved yet: kept when the store's documents change
    bool m_filling = false;
    void loadFaq();
    void loadDocuments();
};

} // namespace shopdesk

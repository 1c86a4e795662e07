#include "panes/KnowledgePane.h"

#include "engine/Engine.h"
#include "knowledge/DocumentImporter.h"
#include "knowledge/GroundedAnswer.h"
#include "knowledge/KnowledgeSearch.h"
#include "storage/StoreWorker.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

KnowledgePane::KnowledgePane(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    auto *intro =
        new QLabel(tr("What your bot is allowed to say. Drop text, Markdown, web-page or FAQ (CSV) "
                      "files here, or import them; the bot answers only from these "
                      "passages."),
                   this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color:#555;"));
    layout->addWidget(intro);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    auto *import = new QPushButton(tr("Import files…"), top);
    import->setObjectName(QStringLiteral("importFiles"));
    buttons->addWidget(import);
    buttons->addStretch(1);
    topLayout->addLayout(buttons);
    m_documents = new QTableWidget(0, 4, top);
    m_documents->setObjectName(QStringLiteral("knowledgeDocuments"));
    m_documents->setHorizontalHeaderLabels(
        {tr("Document"), tr("File"), tr("Passages"), tr("Updated")});
    m_documents->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_documents->verticalHeader()->hide();
    m_documents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_documents->setSelectionBehavior(QAbstractItemView::SelectRows);
    topLayout->addWidget(m_documents);

    auto *bottom = new QWidget(splitter);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 8, 0, 0);
    auto *tryRow = new QHBoxLayout;
    m_question = new QLineEdit(bottom);
    m_question->setObjectName(QStringLiteral("knowledgeQuestion"));
    m_question->setPlaceholderText(tr("Try a customer's question, e.g. delivery kitne ka hai?"));
    auto *search = new QPushButton(tr("Find passages"), bottom);
    tryRow->addWidget(new QLabel(tr("Retrieval test"), bottom));
    tryRow->addWidget(m_question, 1);
    tryRow->addWidget(search);
    bottomLayout->addLayout(tryRow);
    m_resultsNote = new QLabel(bottom);
    m_resultsNote->setObjectName(QStringLiteral("knowledgeAnswer"));
    m_resultsNote->setStyleSheet(QStringLiteral("color:#666;"));
    m_resultsNote->setWordWrap(true);
    bottomLayout->addWidget(m_resultsNote);
    m_results = new QListWidget(bottom);
    m_results->setObjectName(QStringLiteral("knowledgeResults"));
    m_results->setWordWrap(true);
    bottomLayout->addWidget(m_results, 1);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    layout->addWidget(splitter, 1);

    connect(import, &QPushButton::clicked, this, &KnowledgePane::chooseFiles);
    connect(search, &QPushButton::clicked, this, [this] { tryQuestion(m_question->text()); });
    connect(m_question, &QLineEdit::returnPressed, this,
            [this] { tryQuestion(m_question->text()); });
    connect(&engine.store(), &StoreWorker::documentsChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            reload();
    });
}

void KnowledgePane::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    m_results->clear();
    m_resultsNote->clear();
    reload();
}

void KnowledgePane::reload()
{
    if (m_tenantId == 0)
        return;
    const qint64 tenantId = m_tenantId;
    m_documentsRequest.run(
        m_engine.store(), this,
        [tenantId](Store &store) { return store.knowledge().documents(tenantId); },
        [this](Result<QList<KnowledgeDocument>> result) {
            if (!result) {
                Q_EMIT message(result.error(), true);
                return;
            }
            m_documents->setRowCount(int(result->size()));
            for (int row = 0; row < result->size(); ++row) {
                const KnowledgeDocument &d = result->at(row);
                const QStringList cells{
                    d.title, d.sourceName, QString::number(d.chunkCount),
                    QLocale().toString(d.updatedAt.toLocalTime(), QStringLiteral("d MMM, HH:mm"))};
                for (int col = 0; col < cells.size(); ++col)
                    m_documents->setItem(row, col, new QTableWidgetItem(cells.at(col)));
            }
            for (int col = 1; col < m_documents->columnCount(); ++col)
                m_documents->resizeColumnToContents(col);
            m_documents->resizeRowsToContents();
            Q_EMIT documentsLoaded();
        });
}

void KnowledgePane::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import knowledge"), QString(),
        tr("Text, Markdown, web pages and FAQ files (*.txt *.md *.markdown *.html *.htm *.csv);;"
           "All files (*)"));
    if (!files.isEmpty())
        importFiles(files);
}

void KnowledgePane::importFiles(const QStringList &files)
{
    const qint64 tenantId = m_tenantId;
    Q_EMIT message(tr("Importing %n file(s)…", nullptr, int(files.size())), false);
    m_engine.store().run(
        this,
        [tenantId, files](Store &store) -> Result<QList<DocumentImporter::Outcome>> {
            QList<DocumentImporter::Outcome> outcomes;
            for (const QString &file : files)
                outcomes.append(DocumentImporter::importFile(store, tenantId, file));
            return outcomes;
        },
        [this](Result<QList<DocumentImporter::Outcome>> result) {
            if (!result) {
                Q_EMIT message(result.error(), true);
                return;
            }
            QStringList lines;
            bool failed = false;
            for (const auto &o : std::as_const(result.value())) {
                lines << o.file + QStringLiteral(": ") + o.message;
                failed = failed || o.kind == DocumentImporter::Outcome::Kind::Rejected;
            }
            Q_EMIT message(lines.join(QStringLiteral("  ·  ")), failed);
            reload();
        });
}

void KnowledgePane::tryQuestion(const QString &question)
{
    if (question.trimmed().isEmpty() || m_tenantId == 0)
        return;
    const qint64 tenantId = m_tenantId;
    m_searchRequest.run(
        m_engine.store(), this,
        [tenantId, question](Store &store) {
            return KnowledgeSearch::run(store, tenantId, question);
        },
        [this, question](Result<QList<SearchHit>> result) {
            m_results->clear();
            if (!result) {
                Q_EMIT message(result.error(), true);
                return;
            }
            const GroundedAnswer answer = GroundedAnswer::from(question, result.value());
            m_resultsNote->setText(
                answer.escalate
                    ? tr("The bot would hand this chat to a person. %1").arg(answer.reason)
                    : tr("The bot would answer: “%1” — %2").arg(answer.text, answer.reason));
            int n = 0;
            for (const SearchHit &h : std::as_const(result.value()))
                m_results->addItem(QStringLiteral("%1. %2   [%3, %4]\n%5")
                                       .arg(++n)
                                       .arg(h.chunk.heading, h.signalNames().join(QLatin1Char('+')),
                                            QString::number(h.score, 'f', 4), h.chunk.text));
            Q_EMIT resultsShown();
        });
}

void KnowledgePane::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void KnowledgePane::dropEvent(QDropEvent *event)
{
    QStringList files;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            files << url.toLocalFile();
    }
    if (!files.isEmpty())
        importFiles(files);
    event->acceptProposedAction();
}

} // namespace shopdesk

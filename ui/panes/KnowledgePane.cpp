#include "panes/KnowledgePane.h"

#include "knowledge/KnowledgeEditService.h"

#include "dialogs/KnowledgeImportDialog.h"
#include "dialogs/RetrievalLogDialog.h"
#include "engine/Engine.h"
#include "knowledge/DocumentImporter.h"
#include "knowledge/KnowledgeImport.h"
#include "knowledge/KnowledgeService.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/StoreWorker.h"
#include "widgets/knowledge/FaqEditor.h"
#include "widgets/knowledge/KnowledgeSettingsSection.h"
#include "widgets/knowledge/PassageEditor.h"
#include "widgets/knowledge/SynonymsEditor.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {
constexpr int kDocumentIdRole = Qt::UserRole;
}

KnowledgePane::KnowledgePane(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    auto *intro = new QLabel(tr("What your bot is allowed to say. Drop text, Markdown, web pages, "
                                "FAQ (CSV), PDF or Word files here; the bot answers only from "
                                "these passages and hands the chat to you when unsure."),
                             this);
    intro->setWordWrap(true);
    intro->setStyleSheet(QStringLiteral("color:#555;"));
    layout->addWidget(intro);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("knowledgeTabs"));
    m_tabs->addTab(buildDocumentsTab(), tr("Documents"));
    m_faq = new FaqEditor(engine.knowledgeEdits(), m_tabs);
    m_tabs->addTab(m_faq, tr("FAQ"));
    m_synonyms = new SynonymsEditor(engine.knowledgeEdits(), m_tabs);
    m_tabs->addTab(m_synonyms, tr("Synonyms"));
    m_settings = new KnowledgeSettingsSection(engine, m_tabs);
    m_tabs->addTab(m_settings, tr("Settings"));
    splitter->addWidget(m_tabs);
    splitter->addWidget(buildTryPanel());
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    for (QObject *source : {static_cast<QObject *>(m_passages), static_cast<QObject *>(m_faq),
                            static_cast<QObject *>(m_synonyms), static_cast<QObject *>(m_settings)})
        connect(source, SIGNAL(message(QString, bool)), this, SIGNAL(message(QString, bool)));
    connect(&engine.store(), &StoreWorker::documentsChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId)
            reload();
    });
}

KnowledgePane::~KnowledgePane() = default;

QWidget *KnowledgePane::buildDocumentsTab()
{
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    auto *buttons = new QHBoxLayout;
    m_importButton = new QPushButton(tr("Import files…"), tab);
    m_importButton->setObjectName(QStringLiteral("importFiles"));
    auto *remove = new QPushButton(tr("Delete document"), tab);
    remove->setObjectName(QStringLiteral("deleteDocument"));
    buttons->addWidget(m_importButton);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_importRow = new QWidget(tab);
    auto *progressLayout = new QHBoxLayout(m_importRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    m_progressLabel = new QLabel(m_importRow);
    m_progress = new QProgressBar(m_importRow);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, 100);
    auto *cancel = new QPushButton(tr("Cancel"), m_importRow);
    cancel->setObjectName(QStringLiteral("cancelImport"));
    progressLayout->addWidget(m_progressLabel);
    progressLayout->addWidget(m_progress, 1);
    progressLayout->addWidget(cancel);
    m_importRow->hide();
    layout->addWidget(m_importRow);

    auto *split = new QSplitter(Qt::Vertical, tab);
    m_documents = new QTableWidget(0, 5, split);
    m_documents->setObjectName(QStringLiteral("knowledgeDocuments"));
    m_documents->setHorizontalHeaderLabels(
        {tr("Document"), tr("File"), tr("Status"), tr("Passages"), tr("Updated")});
    m_documents->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_documents->verticalHeader()->hide();
    m_documents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_documents->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_documents->setSelectionMode(QAbstractItemView::SingleSelection);
    m_passages = new PassageEditor(m_engine.knowledgeEdits(), split);
    split->addWidget(m_documents);
    split->addWidget(m_passages);
    layout->addWidget(split, 1);

    connect(m_importButton, &QPushButton::clicked, this, &KnowledgePane::chooseFiles);
    connect(remove, &QPushButton::clicked, this, &KnowledgePane::deleteSelected);
    connect(cancel, &QPushButton::clicked, this, &KnowledgePane::cancelImport);
    connect(m_documents, &QTableWidget::itemSelectionChanged, this, [this] {
        if (const qint64 id = selectedDocument())
            m_passages->showDocument(m_tenantId, id);
    });
    return tab;
}

QWidget *KnowledgePane::buildTryPanel()
{
    auto *panel = new QWidget;
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *tryRow = new QHBoxLayout;
    m_question = new QLineEdit(panel);
    m_question->setObjectName(QStringLiteral("knowledgeQuestion"));
    m_question->setPlaceholderText(tr("Try a customer's question, e.g. delivery kitne ka hai?"));
    auto *search = new QPushButton(tr("Find passages"), panel);
    auto *log = new QPushButton(tr("Retrieval log…"), panel);
    log->setObjectName(QStringLiteral("openRetrievalLog"));
    tryRow->addWidget(new QLabel(tr("Retrieval test"), panel));
    tryRow->addWidget(m_question, 1);
    tryRow->addWidget(search);
    tryRow->addWidget(log);
    layout->addLayout(tryRow);
    m_resultsNote = new QLabel(panel);
    m_resultsNote->setObjectName(QStringLiteral("knowledgeAnswer"));
    m_resultsNote->setStyleSheet(QStringLiteral("color:#444;"));
    m_resultsNote->setWordWrap(true);
    m_resultsNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_resultsNote);
    m_results = new QListWidget(panel);
    m_results->setObjectName(QStringLiteral("knowledgeResults"));
    m_results->setWordWrap(true);
    layout->addWidget(m_results, 1);
    connect(search, &QPushButton::clicked, this, [this] { tryQuestion(m_question->text()); });
    connect(m_question, &QLineEdit::returnPressed, this,
            [this] { tryQuestion(m_question->text()); });
    connect(log, &QPushButton::clicked, this, &KnowledgePane::openLog);
    return panel;
}

void KnowledgePane::setActor(qint64 operatorId)
{
    m_actor = operatorId;
    m_faq->setActor(operatorId);
    m_synonyms->setActor(operatorId);
    m_passages->setActor(operatorId);
    m_settings->setActor(operatorId);
}

void KnowledgePane::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    m_results->clear();
    m_resultsNote->clear();
    reload();
    m_faq->setTenant(tenantId);
    m_synonyms->setTenant(tenantId);
    m_settings->setTenant(tenantId);
}

qint64 KnowledgePane::selectedDocument() const
{
    const int row = m_documents->currentRow();
    const QTableWidgetItem *item = row >= 0 ? m_documents->item(row, 0) : nullptr;
    return item ? item->data(kDocumentIdRole).toLongLong() : 0;
}

void KnowledgePane::reload()
{
    if (m_tenantId == 0)
        return;
    const qint64 tenantId = m_tenantId;
    m_engine.knowledgeEdits().documents(
        tenantId, this, m_documentsRequest.latest([this](Result<QList<KnowledgeDocument>> result) {
            if (!result) {
                Q_EMIT message(result.error(), true);
                return;
            }
            const qint64 selected = selectedDocument();
            m_documents->setRowCount(int(result->size()));
            int selectRow = result->isEmpty() ? -1 : 0;
            for (int row = 0; row < result->size(); ++row) {
                const KnowledgeDocument &d = result->at(row);
                const QStringList cells{
                    d.title, d.sourceName, d.status, QString::number(d.chunkCount),
                    QLocale().toString(d.updatedAt.toLocalTime(), QStringLiteral("d MMM, HH:mm"))};
                for (int col = 0; col < cells.size(); ++col)
                    m_documents->setItem(row, col, new QTableWidgetItem(cells.at(col)));
                m_documents->item(row, 0)->setData(kDocumentIdRole, d.id);
                if (d.id == selected)
                    selectRow = row;
            }
            for (int col = 1; col < m_documents->columnCount(); ++col)
                m_documents->resizeColumnToContents(col);
            if (selectRow >= 0)
                m_documents->selectRow(selectRow);
            Q_EMIT documentsLoaded();
        }));
}

void KnowledgePane::chooseFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import knowledge"), QString(),
        tr("Documents and FAQ files (*.txt *.md *.markdown *.html *.htm *.csv *.pdf *.docx);;"
           "All files (*)"));
    if (!files.isEmpty())
        askFirst(files);
}

void KnowledgePane::askFirst(const QStringList &files)
{
    auto *dialog = new KnowledgeImportDialog(m_engine.store(), m_engine.knowledgeEdits(),
                                             m_tenantId, files, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const DocumentReader::Settings settings = dialog->settings();
        // The splitting chosen here becomes the store's setting for later imports.
        const qint64 tenantId = m_tenantId;
        const QString json = DocumentImporter::chunkingJson(settings.chunking);
        m_engine.knowledgeEdits().saveSettings(
            tenantId, m_actor, {{KnowledgeSettings::kChunkingKey, json}}, this, [](Status) {});
        importFiles(dialog->files(), settings);
    });
    dialog->open();
}

void KnowledgePane::importFiles(const QStringList &files,
                                const std::optional<DocumentReader::Settings> &settings)
{
    if (m_import) {
        Q_EMIT message(tr("An import is already running; wait for it or cancel it."), true);
        return;
    }
    m_import = std::make_unique<KnowledgeImport>(m_engine.store(), m_tenantId, files, settings);
    m_import->setActor(m_actor);
    m_progress->setValue(0);
    m_progressLabel->setText(tr("Importing %n file(s)…", nullptr, int(files.size())));
    m_importRow->show();
    m_importButton->setEnabled(false);
    connect(m_import.get(), &KnowledgeImport::progress, this,
            [this](int percent, const QString &file) {
                m_progress->setValue(percent);
                m_progressLabel->setText(tr("Reading %1…").arg(file));
            });
    connect(m_import.get(), &KnowledgeImport::finished, this,
            [this](const QList<DocumentImporter::Outcome> &outcomes, bool cancelled) {
                m_importRow->hide();
                m_importButton->setEnabled(true);
                m_import.release()->deleteLater();
                if (cancelled) {
                    Q_EMIT message(tr("Import cancelled: nothing was imported."), false);
                    Q_EMIT importFinished();
                    return;
                }
                QStringList lines;
                bool failed = false;
                for (const auto &o : outcomes) {
                    lines << (o.file.isEmpty() ? o.message
                                               : o.file + QStringLiteral(": ") + o.message);
                    failed = failed || o.kind == DocumentImporter::Outcome::Kind::Rejected;
                }
                Q_EMIT message(lines.join(QStringLiteral("  ·  ")), failed);
                reload();
                Q_EMIT importFinished();
            });
    m_import->start();
}

void KnowledgePane::cancelImport()
{
    if (m_import)
        m_import->cancel();
}

void KnowledgePane::deleteSelected()
{
    const qint64 id = selectedDocument();
    if (id == 0)
        return;
    const QString title = m_documents->item(m_documents->currentRow(), 0)->text();
    if (QMessageBox::question(this, tr("Delete document"),
                              tr("Delete “%1” and all its passages? The bot stops using them at "
                                 "once.")
                                  .arg(title)) != QMessageBox::Yes)
        return;
    const qint64 tenantId = m_tenantId;
    m_engine.knowledgeEdits().deleteDocument(
        tenantId, m_actor, id, this, [this, title](Status deleted) {
            Q_EMIT message(deleted ? tr("Deleted “%1”.").arg(title) : deleted.error(), !deleted);
        });
}

void KnowledgePane::tryQuestion(const QString &question)
{
    if (question.trimmed().isEmpty() || m_tenantId == 0)
        return;
    KnowledgeService::Request request;
    request.tenantId = m_tenantId;
    request.question = question;
    request.source = QStringLiteral("test");
    const quint64 generation = ++m_questionGeneration;
    m_engine.knowledge().ask(request, this, [this, generation](Result<KnowledgeService::Reply> r) {
        if (generation != m_questionGeneration)
            return;
        m_results->clear();
        if (!r) {
            Q_EMIT message(r.error(), true);
            return;
        }
        const KnowledgeService::Reply &reply = r.value();
        const GroundedAnswer &answer = reply.answer;
        QString note = answer.escalate
                           ? tr("The bot would hand this chat to a person. %1").arg(answer.reason)
                           : tr("The bot would answer: “%1” — %2").arg(answer.text, answer.reason);
        note += tr("\nSearched as “%1” in %2 ms.").arg(reply.query).arg(reply.latencyMs, 0, 'f', 1);
        if (!reply.notes.isEmpty())
            note += QLatin1Char('\n') + reply.notes;
        m_resultsNote->setText(note);
        m_resultsNote->setStyleSheet(answer.escalate ? QStringLiteral("color:#b00020;")
                                                     : QStringLiteral("color:#1b5e20;"));
        int n = 0;
        for (const SearchHit &h : reply.hits)
            m_results->addItem(QStringLiteral("%1. %2   [%3, %4]\n%5")
                                   .arg(++n)
                                   .arg(h.chunk.heading, h.signalNames().join(QLatin1Char('+')),
                                        QString::number(h.score, 'f', 4), h.chunk.text));
        if (m_log)
            m_log->reload();
        Q_EMIT resultsShown();
    });
}

RetrievalLogDialog *KnowledgePane::openLog()
{
    if (!m_log) {
        m_log = new RetrievalLogDialog(m_engine.knowledgeEdits(), m_tenantId, this);
        m_log->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_log->show();
    m_log->raise();
    return m_log;
}

void KnowledgePane::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void KnowledgePane::dropEvent(QDropEvent *event)
{
    QStringList files;
    bool csv = false;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            files << url.toLocalFile();
            csv = csv || url.toLocalFile().endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
        }
    }
    // FAQ files ask which columns hold what; everything else goes straight in.
    if (csv)
        askFirst(files);
    else if (!files.isEmpty())
        importFiles(files);
    event->acceptProposedAction();
}

} // namespace shopdesk

// The upload page's script (served as /assets/upload.js; the page has no inline script).
// It sends each file with tus, so a dropped connection resumes where it broke, and shows a
// receipt at the end. Privacy rules: no cookies, no browser storage (the tus client gets a
// storage that keeps nothing and no fingerprint), nothing from other hosts, file names only
// ever as text (textContent), never as HTML.
import BaseUpload from 'tus-js-client/lib.esm/upload.js'
import XhrHttpStack from 'tus-js-client/lib.esm/browser/httpStack.js'
import BrowserFileReader from 'tus-js-client/lib.esm/browser/fileReader.js'
import NoopUrlStorage from 'tus-js-client/lib.esm/noopUrlStorage.js'

const CHUNK_SIZE = 4 * 1024 * 1024
// after a dropped connection the client asks the server for the offset and goes on from there
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000]
// through a quick connection the address is new at every start of the patient's app: an upload
// cannot resume across that, so the page gives up sooner and says the link has probably changed
const RETRY_DELAYS_CHANGING_ADDRESS = [0, 1000, 3000, 5000, 10000]
// what the tunnel's edge answers when it cannot reach the patient's computer (Cloudflare: 502,
// 503, 520–523 and 530 for a tunnel that is not connected; 504/522/524 are timeouts)
const UNREACHABLE_STATUSES = [502, 503, 520, 521, 523, 530]
const EDGE_TIMEOUT_STATUSES = [504, 522, 524]

/** True for a status the edge in front of our server answers when it cannot reach it. */
function edgeUnreachable(status) {
  return UNREACHABLE_STATUSES.includes(status) || EDGE_TIMEOUT_STATUSES.includes(status)
}

/** Our server always answers with a JSON error; the edge with its own HTML. */
function fromOurServer(response) {
  try {
    const data = JSON.parse(response.getBody())
    return Boolean(data && data.error)
  } catch (e) {
    return false
  }
}

/**
 * The browser's HTTP stack, except that the edge's answer to the offset request (HEAD) counts as
 * no answer at all. tus-js-client treats any non-2xx HEAD as "the upload is gone" and starts the
 * file again from the first byte; while the tunnel is down the edge answers 530, and the upload
 * must instead wait and resume where it broke.
 */
class ResumingHttpStack {
  constructor(inner) {
    this.inner = inner
  }

  createRequest(method, url) {
    const request = this.inner.createRequest(method, url)
    if (method !== 'HEAD') return request
    const send = request.send.bind(request)
    request.send = (body) =>
      send(body).then((response) => {
        if (edgeUnreachable(response.getStatus())) throw new Error('the edge could not reach the server')
        return response
      })
    return request
  }

  getName() {
    return 'ResumingHttpStack'
  }
}

function byId(id) {
  return document.getElementById(id)
}

function el(tag, className, text) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (text != null) node.textContent = text
  return node
}

function fill(pattern, ...args) {
  return pattern.replace(/\{(\d)\}/g, (m, i) => String(args[Number(i)]))
}

class Texts {
  constructor(values, lang) {
    this.values = values
    this.lang = lang
    this.locale = lang === 'en' ? 'en-GB' : 'de-DE'
  }

  t(key, ...args) {
    const value = this.values[key] || key
    return args.length ? fill(value, ...args) : value
  }

  size(bytes) {
    const number = (n, digits) =>
      new Intl.NumberFormat(this.locale, { maximumFractionDigits: digits }).format(n)
    if (bytes < 1024) return `${number(bytes, 0)} ${this.t('unit.bytes')}`
    if (bytes < 1024 * 1024) return `${number(bytes / 1024, 0)} ${this.t('unit.kb')}`
    return `${number(bytes / (1024 * 1024), 1)} ${this.t('unit.mb')}`
  }

  time(iso) {
    const date = new Date(iso)
    const day = new Intl.DateTimeFormat(this.locale, { day: 'numeric', month: 'long', year: 'numeric' }).format(date)
    const clock = new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit' }).format(date)
    return `${day}, ${clock}`
  }
}

/** One chosen file and its row in the list. */
class Entry {
  constructor(file, texts, onRemove) {
    this.file = file
    this.texts = texts
    this.state = 'waiting'
    this.row = el('li', 'file')
    const head = el('div', 'file-head')
    this.name = el('span', 'file-name', file.name)
    this.size = el('span', 'file-size', texts.size(file.size))
    this.stateLabel = el('span', 'file-state')
    this.remove = el('button', 'link-button file-remove', texts.t('remove'))
    this.remove.type = 'button'
    this.remove.setAttribute('aria-label', `${texts.t('remove')}: ${file.name}`)
    this.remove.addEventListener('click', () => onRemove(this))
    head.append(this.name, this.size, this.stateLabel, this.remove)
    this.bar = el('progress', 'file-progress')
    this.bar.max = 100
    this.bar.value = 0
    this.bar.setAttribute('aria-label', file.name)
    this.error = el('p', 'file-error')
    this.error.setAttribute('role', 'alert')
    this.error.hidden = true
    this.row.append(head, this.bar, this.error)
    this.setState('waiting')
  }

  setState(state, reason) {
    this.state = state
    this.row.dataset.state = state
    const labels = {
      waiting: 'state.waiting',
      sending: 'state.sending',
      reconnecting: 'state.reconnecting',
      received: 'state.received',
      error: 'state.error',
    }
    this.stateLabel.textContent = this.texts.t(labels[state])
    this.remove.hidden = state === 'sending' || state === 'reconnecting' || state === 'received'
    this.remove.textContent = state === 'error' ? this.texts.t('dismiss') : this.texts.t('remove')
    if (state === 'error') {
      this.error.textContent = reason
      this.error.hidden = false
    } else {
      this.error.hidden = true
      this.error.textContent = ''
    }
    if (state === 'received') this.bar.value = 100
    if (state === 'waiting') this.bar.value = 0
  }

  progress(sent, total) {
    this.bar.value = total > 0 ? Math.floor((sent * 100) / total) : 0
  }
}

class UploadPage {
  constructor(form, texts) {
    this.form = form
    this.texts = texts
    this.maxBytes = Number(form.dataset.maxMb) * 1024 * 1024
    // "changes": this address is replaced when the patient's app starts again (quick connection)
    this.addressChanges = form.dataset.address === 'changes'
    this.base = location.pathname.replace(/\/+$/, '')
    this.entries = []
    this.sending = false
    this.input = byId('file-input')
    this.list = byId('files')
    this.send = byId('send')
    this.retry = byId('retry')
    this.summary = byId('summary')
    this.receipt = byId('receipt')
    this.receipts = []
  }

  start() {
    document.documentElement.classList.add('js')
    const choose = byId('choose')
    choose.hidden = false
    choose.addEventListener('click', () => this.input.click())
    this.input.addEventListener('change', () => {
      this.add(this.input.files)
      this.input.value = ''
    })
    const drop = byId('drop')
    drop.addEventListener('dragover', (event) => {
      event.preventDefault()
      drop.classList.add('over')
    })
    drop.addEventListener('dragleave', () => drop.classList.remove('over'))
    drop.addEventListener('drop', (event) => {
      event.preventDefault()
      drop.classList.remove('over')
      if (event.dataTransfer) this.add(event.dataTransfer.files)
    })
    this.form.addEventListener('submit', (event) => {
      event.preventDefault()
      this.sendWaiting()
    })
    this.retry.textContent = this.texts.t('retry')
    this.retry.addEventListener('click', () => {
      for (const entry of this.entries) {
        if (entry.state === 'error') entry.setState('waiting')
      }
      this.sendWaiting()
    })
    this.update()
  }

  add(files) {
    for (const file of Array.from(files || [])) {
      const entry = new Entry(file, this.texts, (e) => this.removeEntry(e))
      this.entries.push(entry)
      this.list.append(entry.row)
      this.precheck(entry)
    }
    this.update()
  }

  /** Refuses what the server would refuse anyway, before a byte is sent. */
  precheck(entry) {
    if (entry.file.size === 0) {
      entry.setState('error', this.texts.t('error.empty'))
      return false
    }
    if (entry.file.size > this.maxBytes) {
      entry.setState('error', this.texts.t('error.tooLarge', this.form.dataset.maxMb))
      return false
    }
    return true
  }

  removeEntry(entry) {
    this.entries = this.entries.filter((e) => e !== entry)
    entry.row.remove()
    this.update()
  }

  update() {
    const waiting = this.entries.some((e) => e.state === 'waiting')
    this.send.disabled = this.sending || !waiting
    const failed = this.entries.some((e) => e.state === 'error')
    this.retry.hidden = this.sending || !failed
    byId('files-heading').hidden = this.entries.length === 0
  }

  async sendWaiting() {
    const batch = this.entries.filter((e) => e.state === 'waiting')
    if (this.sending || batch.length === 0) return
    this.sending = true
    this.update()
    this.summary.textContent = this.texts.t('summary.sending')
    let submission
    try {
      submission = await this.openSubmission()
    } catch (reason) {
      for (const entry of batch) entry.setState('error', reason.message)
      this.finish(batch, null)
      return
    }
    for (const entry of batch) {
      if (!this.precheck(entry)) continue
      entry.setState('sending')
      try {
        await this.upload(entry, submission)
        entry.setState('received')
      } catch (reason) {
        entry.setState('error', reason.message)
      }
    }
    let receipt = null
    if (batch.some((e) => e.state === 'received')) {
      try {
        receipt = await this.complete(submission)
      } catch (reason) {
        this.summary.textContent = reason.message
      }
    }
    this.finish(batch, receipt)
  }

  /** The overall state counts every file on the page: never "all received" while one failed. */
  finish(batch, receipt) {
    this.sending = false
    const total = this.entries.length
    const received = this.entries.filter((e) => e.state === 'received').length
    if (received === total) {
      this.summary.textContent = total === 1 ? this.texts.t('summary.one') : this.texts.t('summary.all', received)
    } else if (received === 0) {
      this.summary.textContent = this.texts.t('summary.none')
    } else {
      this.summary.textContent = this.texts.t('summary.some', received, total, total - received)
    }
    this.summary.dataset.result = received === total ? 'ok' : 'error'
    if (receipt) {
      this.receipts.push(receipt)
      this.showReceipt()
    }
    this.update()
  }

  headers() {
    return { 'Accept-Language': this.texts.lang, Accept: 'application/json' }
  }

  async openSubmission() {
    const body = {
      sender: byId('sender').value,
      message: byId('message').value,
    }
    const answer = await this.post(`${this.base}/submissions`, body)
    return answer.submission
  }

  /**
   * Closes the delivery and fetches its receipt. Closing twice gives the same receipt, so a
   * connection lost at this moment is retried like the upload itself: the documents are already
   * stored, and the practice should not be left without its receipt (and send them again).
   */
  async complete(submission) {
    const url = `${this.base}/submissions/${encodeURIComponent(submission)}/complete`
    const delays = this.addressChanges ? RETRY_DELAYS_CHANGING_ADDRESS : RETRY_DELAYS
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.post(url, null)
      } catch (reason) {
        if (!reason.retryable || attempt + 1 >= delays.length) throw reason
        await new Promise((resolve) => setTimeout(resolve, delays[attempt + 1]))
      }
    }
  }

  async post(url, body) {
    let response
    try {
      const headers = this.headers()
      if (body) headers['Content-Type'] = 'application/json'
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: body ? JSON.stringify(body) : undefined,
        credentials: 'omit',
        cache: 'no-store',
      })
    } catch (e) {
      throw this.unreachableError()
    }
    const data = await response.json().catch(() => null)
    if (!response.ok) {
      if (data && data.message) throw new Error(data.message)
      throw edgeUnreachable(response.status) ? this.unreachableError() : new Error(this.texts.t('error.server'))
    }
    return data
  }

  /** The patient's computer could not be reached: worth another try, unlike an answer it gave. */
  unreachableError() {
    const error = new Error(this.unreachable())
    error.retryable = true
    return error
  }

  unreachable() {
    return this.texts.t(this.addressChanges ? 'error.unreachableChanged' : 'error.unreachable')
  }

  upload(entry, submission) {
    return new Promise((resolve, reject) => {
      const upload = new BaseUpload(entry.file, {
        ...BaseUpload.defaultOptions,
        endpoint: `${this.base}/tus/`,
        chunkSize: CHUNK_SIZE,
        retryDelays: this.addressChanges ? RETRY_DELAYS_CHANGING_ADDRESS : RETRY_DELAYS,
        storeFingerprintForResuming: false,
        removeFingerprintOnSuccess: false,
        urlStorage: new NoopUrlStorage(),
        fingerprint: () => Promise.resolve(null),
        httpStack: new ResumingHttpStack(new XhrHttpStack()),
        fileReader: new BrowserFileReader(),
        headers: this.headers(),
        metadata: {
          filename: entry.file.name,
          filetype: entry.file.type || 'application/octet-stream',
          submission,
        },
        onProgress: (sent, total) => entry.progress(sent, total),
        // the server answered with the offset (or confirmed a chunk): the connection is back
        onUploadUrlAvailable: () => {
          if (entry.state === 'reconnecting') entry.setState('sending')
        },
        onChunkComplete: () => {
          if (entry.state === 'reconnecting') entry.setState('sending')
        },
        // the practice sees that the page is trying again, never a silent wait
        onShouldRetry: (error) => {
          const response = error && error.originalResponse
          const status = response ? response.getStatus() : 0
          // as tus-js-client's default (no retry on 4xx but 409/423), also while the browser says it is offline
          const retry = status < 400 || status >= 500 || status === 409 || status === 423
          const lost = !response || (edgeUnreachable(status) && !fromOurServer(response))
          if (retry && lost) entry.setState('reconnecting')
          return retry
        },
        onSuccess: () => resolve(),
        onError: (error) => reject(new Error(this.reason(error))),
      })
      upload.start()
    })
  }

  /** The server's own words when it gave a reason, else a plain explanation. */
  reason(error) {
    const response = error && error.originalResponse
    if (response) {
      const status = response.getStatus()
      // the tunnel's edge answers 524 (or 504/522) when a request took too long; its HTML is never shown
      if (status === 408 || EDGE_TIMEOUT_STATUSES.includes(status)) return this.texts.t('error.timeout')
      try {
        const data = JSON.parse(response.getBody())
        if (data && data.message) return data.message
      } catch (e) {
        // not JSON: fall through to our own words
      }
      if (edgeUnreachable(status)) return this.lostConnection()
      return this.texts.t('error.server')
    }
    return this.lostConnection()
  }

  /** The connection broke and did not come back while the page kept trying. */
  lostConnection() {
    return this.texts.t(this.addressChanges ? 'error.linkChanged' : 'error.network')
  }

  showReceipt() {
    const section = this.receipt
    section.replaceChildren()
    const heading = el('h2', null, this.texts.t('receipt.heading'))
    heading.id = 'receipt-heading'
    section.append(heading, el('p', 'receipt-intro', this.texts.t('receipt.intro')))
    for (const receipt of this.receipts) {
      const block = el('div', 'receipt-delivery')
      block.append(el('p', 'receipt-meta', `${this.texts.t('receipt.delivery')} ${receipt.submission} · ${this.texts.time(receipt.receivedAt)}`))
      const list = el('ul', 'receipt-files')
      for (const file of receipt.files) {
        const item = el('li', 'receipt-file')
        item.append(el('span', 'receipt-name', file.name))
        const facts = el('dl', 'receipt-facts')
        facts.append(
          el('dt', null, this.texts.t('receipt.size')),
          el('dd', null, this.texts.size(file.size)),
          el('dt', null, this.texts.t('receipt.time')),
          el('dd', null, this.texts.time(file.receivedAt || receipt.receivedAt)),
          el('dt', null, this.texts.t('receipt.sha256')),
          el('dd', 'receipt-hash', file.sha256),
        )
        item.append(facts)
        list.append(item)
      }
      block.append(list)
      section.append(block)
    }
    // each delivery's receipt PDF ("Empfangsbestätigung herunterladen"), same link, for 24 hours
    const pdfs = el('p', 'receipt-pdf')
    pdfs.id = 'receipt-pdf'
    for (const receipt of this.receipts) {
      const link = el('a', 'button secondary receipt-pdf-link', this.texts.t('receipt.pdf'))
      link.href = `${this.base}/receipt/${encodeURIComponent(receipt.submission)}.pdf`
      link.setAttribute('download', '')
      pdfs.append(link, ' ')
    }
    const print = el('button', 'button secondary', this.texts.t('print'))
    print.type = 'button'
    print.addEventListener('click', () => window.print())
    section.append(pdfs, print)
    section.hidden = false
    // move the practice's eyes (and a screen reader) to the receipt
    heading.tabIndex = -1
    heading.focus({ preventScroll: true })
    section.scrollIntoView({ block: 'start' })
  }
}

function main() {
  const form = byId('upload-form')
  const data = byId('pv-texts')
  if (!form || !data) return
  const page = new UploadPage(form, new Texts(JSON.parse(data.textContent), form.dataset.lang))
  page.start()
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', main)
} else {
  main()
}

import { AscHttpClient, type AscClientConfig } from './http-client';
import { AppStoreResource } from './resources/app-store';
import { AppsResource, BuildsResource } from './resources/apps-builds';
import { TestFlightResource } from './resources/testflight';
import { BuildUploadsResource } from './resources/uploads';

/**
 * App Store Connect API client for one API key. Holds no global state, so several accounts can be used side by side.
 * @example
 * const asc = new AppStoreConnectClient({ keyId, issuerId, privateKey: p8, baseUrl: emulator.url });
 * const app = await asc.apps.findByBundleId('com.example.app');
 */
export class AppStoreConnectClient {
  /** The transport: typed get/post/patch/delete, paging and retries for anything not covered below. */
  readonly http: AscHttpClient;
  readonly apps: AppsResource;
  readonly builds: BuildsResource;
  readonly buildUploads: BuildUploadsResource;
  readonly testflight: TestFlightResource;
  readonly appStore: AppStoreResource;

  constructor(config: AscClientConfig) {
    this.http = new AscHttpClient(config);
    this.apps = new AppsResource(this.http);
    this.builds = new BuildsResource(this.http);
    this.buildUploads = new BuildUploadsResource(this.http, config.fetch ?? fetch);
    this.testflight = new TestFlightResource(this.http);
    this.appStore = new AppStoreResource(this.http);
  }
}
